/** What a crew is equipped for; a category names the skill its jobs need. */
export type CrewSkill = 'sharps' | 'fly-tip-van' | 'graffiti-removal' | 'general';
export const CREW_SKILLS: readonly CrewSkill[] = ['sharps', 'fly-tip-van', 'graffiti-removal', 'general'];
