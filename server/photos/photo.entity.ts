import { EntitySchema } from 'typeorm';
import { col } from '../../db/columns.js';

export type PhotoKind = 'report' | 'before' | 'after' | 'extra';

export interface Photo {
  id: string;
  /** "wo:<workOrderId>" or "sr:<serviceRequestId>": (owner, sha256) is unique, so a photo sent twice is stored once. */
  ownerKey: string;
  workOrderId: string | null;
  requestId: string | null;
  kind: PhotoKind;
  sha256: string; // of the original bytes; also the stored file's name
  mime: string; // of the stored copy
  width: number;
  height: number;
  bytes: number;
  takenAt: string | null; // from EXIF
  gpsLat: number | null;
  gpsLng: number | null;
  /** Where gpsLat/gpsLng came from: the photo's own EXIF, or the tablet's position when it was taken. */
  positionSource?: 'exif' | 'device' | null;
  /** Where takenAt came from: EXIF, or the tablet's clock at capture. */
  timeSource?: 'exif' | 'device' | null;
  /** The device position's accuracy radius in metres (EXIF positions have none). */
  accuracyM?: number | null;
  /** What the crew lead said when keeping a photo the tablet warned would be flagged. */
  crewReason?: string | null;
  /**
   * Evidence-quality warnings: far_from_job, taken_long_before, taken_before_start,
   * no_gps, no_timestamp, same_as_before, unreadable; and which source was used:
   * position_from_device / time_from_device (EXIF had none).
   */
  flags: string[];
  uploadedBy: string | null;
  createdAt: string;
  /**
   * Stored as uploaded and checked, renditions not made yet (residents' report
   * photos are rendered after the 201). Reading one renders it first; a photo
   * whose pixels then prove unreadable gets the flag "unreadable" instead.
   */
  pending: boolean;
}

export const PhotoEntity = new EntitySchema<Photo>({
  name: 'Photo',
  tableName: 'photo',
  columns: {
    id: col.uuid({ primary: true }),
    ownerKey: col.str(40, { name: 'owner_key' }),
    workOrderId: col.uuid({ name: 'work_order_id', nullable: true }),
    requestId: col.uuid({ name: 'request_id', nullable: true }),
    kind: col.str(10),
    sha256: col.str(64),
    mime: col.str(40),
    width: col.int(),
    height: col.int(),
    bytes: col.int(),
    takenAt: col.instant({ name: 'taken_at', nullable: true }),
    gpsLat: col.float({ name: 'gps_lat', nullable: true }),
    gpsLng: col.float({ name: 'gps_lng', nullable: true }),
    flags: col.json(),
    positionSource: col.str(8, { name: 'position_source', nullable: true }),
    timeSource: col.str(8, { name: 'time_source', nullable: true }),
    accuracyM: col.float({ name: 'accuracy_m', nullable: true }),
    crewReason: col.text({ name: 'crew_reason', nullable: true }),
    uploadedBy: col.uuid({ name: 'uploaded_by', nullable: true }),
    createdAt: col.instant({ name: 'created_at' }),
    pending: col.bool({ default: false }),
  },
  uniques: [{ name: 'uq_photo_owner_sha', columns: ['ownerKey', 'sha256'] }],
});
