/**
 * The public report form, made for a phone in the street: pick what it is,
 * say where (GPS, postcode or a pin), add a photo, answer the category's
 * questions. Server validation errors land next to their field; everything
 * typed is kept (also across a reload, in sessionStorage) until it is sent.
 */
import type * as Leaflet from 'leaflet';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, describeError, request } from '../api.ts';
import type { ApiResponse, PostcodeLookup } from '../api/types.ts';
import { Icon } from '../components/icons.tsx';
import { LeafletMap, type LeafletKit } from '../components/map.tsx';
import { QuestionField } from '../components/questions.tsx';
import { loadCategories, slaText, type Category } from '../config.ts';
import { Link } from '../router.tsx';

interface Place {
  lat: number;
  lng: number;
  how: 'gps' | 'postcode' | 'map';
  label: string;
  wardName?: string | null;
}

interface Draft {
  categoryCode: string;
  answers: Record<string, unknown>;
  postcode: string;
  place: Place | null;
  address: string;
  description: string;
  name: string;
  email: string;
  phone: string;
}

const EMPTY: Draft = { categoryCode: '', answers: {}, postcode: '', place: null, address: '', description: '', name: '', email: '', phone: '' };
const DRAFT_KEY = 'kerbside.reportDraft';
/** The server takes up to three photos with a report. */
const MAX_PHOTOS = 3;

export type ReportReceipt = ApiResponse<'reports.create', 201>;

function loadDraft(): Draft {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Draft>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Where a server field path ("answers.size", "contact.email", "lat") is shown on this form. */
function fieldTarget(path: string): string {
  if (path.startsWith('answers.')) return `q-${path.slice('answers.'.length)}`;
  if (path === 'categoryCode' || path === 'category') return 'category';
  if (['lat', 'lng', 'postcode', 'location', 'ward'].some((p) => path === p || path.startsWith(p + '.'))) return 'location';
  if (path.startsWith('contact.')) return path.slice('contact.'.length);
  if (path.startsWith('photo')) return 'photo';
  return path;
}

const FIELD_LABELS: Record<string, string> = {
  category: 'What is the problem',
  location: 'Where is it',
  photo: 'Photo',
  description: 'Describe it',
  address: 'Nearest address or landmark',
  name: 'Your name',
  email: 'Email address',
  phone: 'Phone number',
};

export function ReportPage() {
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(loadDraft);
  const [photos, setPhotos] = useState<File[]>([]);
  const [photoUrls, setPhotoUrls] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'' | 'gps' | 'postcode' | 'send'>('');
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const mapRef = useRef<Leaflet.Map | null>(null);
  const kitRef = useRef<LeafletKit | null>(null);
  const placeRef = useRef<Place | null>(null);
  placeRef.current = draft.place;
  const markerRef = useRef<Leaflet.Marker | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    loadCategories().then(setCategories, (e) => setLoadError(describeError(e)));
  }, []);
  useEffect(() => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }, [draft]);
  useEffect(() => {
    const urls = photos.map((f) => URL.createObjectURL(f));
    setPhotoUrls(urls);
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [photos]);

  const category = useMemo(() => categories?.find((c) => c.code === draft.categoryCode) ?? null, [categories, draft.categoryCode]);
  const groups = useMemo(() => {
    const g = new Map<string, Category[]>();
    for (const c of categories ?? []) g.set(c.groupName, [...(g.get(c.groupName) ?? []), c]);
    return [...g.entries()];
  }, [categories]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => {
      const target = key === 'categoryCode' ? 'category' : key === 'place' || key === 'postcode' ? 'location' : key;
      if (!(target in e)) return e;
      const { [target]: _gone, ...rest } = e;
      return rest;
    });
  };
  const setAnswer = (code: string, value: unknown) => {
    setDraft((d) => ({ ...d, answers: { ...d.answers, [code]: value } }));
    setErrors((e) => {
      const { [`q-${code}`]: _gone, ...rest } = e;
      return rest;
    });
  };

  const placePin = (place: Place, pan = true) => {
    set('place', place);
    const map = mapRef.current;
    const kit = kitRef.current;
    if (!map || !kit) return;
    if (!markerRef.current) {
      markerRef.current = kit.L.marker([place.lat, place.lng], { icon: kit.pinIcon(), draggable: true, keyboard: false, title: 'Reported location' }).addTo(map);
      markerRef.current.on('dragend', () => {
        const p = markerRef.current!.getLatLng();
        set('place', { lat: p.lat, lng: p.lng, how: 'map', label: 'the pin on the map' });
      });
    } else markerRef.current.setLatLng([place.lat, place.lng]);
    if (pan) map.setView([place.lat, place.lng], Math.max(map.getZoom(), 16));
  };

  const onMapReady = (map: Leaflet.Map, kit: LeafletKit) => {
    mapRef.current = map;
    kitRef.current = kit;
    map.on('click', (e: Leaflet.LeafletMouseEvent) => placePin({ lat: e.latlng.lat, lng: e.latlng.lng, how: 'map', label: 'the pin on the map' }, false));
    // The map arrives after the form: show a place chosen meanwhile (or restored from the draft).
    const p = placeRef.current;
    if (p) setTimeout(() => placePin(p), 0);
  };

  const useMyLocation = () => {
    if (!('geolocation' in navigator)) {
      setErrors((e) => ({ ...e, location: 'This device cannot share its location. Enter a postcode or tap the map instead.' }));
      return;
    }
    setBusy('gps');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy('');
        placePin({ lat: pos.coords.latitude, lng: pos.coords.longitude, how: 'gps', label: `your location (to about ${Math.round(pos.coords.accuracy)} m)` });
      },
      (err) => {
        setBusy('');
        setErrors((e) => ({
          ...e,
          location: err.code === err.PERMISSION_DENIED ? 'Location was not shared. Enter a postcode or tap the map instead.' : 'Could not find your location. Enter a postcode or tap the map instead.',
        }));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  const findPostcode = async () => {
    const pc = draft.postcode.trim();
    if (!pc) {
      setErrors((e) => ({ ...e, location: 'Enter a postcode, for example L6 3AE.' }));
      return;
    }
    setBusy('postcode');
    try {
      const r = await api.get<PostcodeLookup>(`/api/postcodes/${encodeURIComponent(pc)}`);
      set('postcode', r.postcode);
      placePin({ lat: r.lat, lng: r.lng, how: 'postcode', label: `postcode ${r.postcode}`, wardName: r.ward?.name ?? null });
      if (!r.ward) setErrors((e) => ({ ...e, location: `${r.postcode} is outside the area this council looks after. Check the postcode, or report it to the council for that area.` }));
    } catch (err) {
      setErrors((e) => ({ ...e, location: err instanceof ApiError && err.status === 404 ? `We could not find the postcode ${pc}. Check it, or tap the map instead.` : describeError(err) }));
    } finally {
      setBusy('');
    }
  };

  const localErrors = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!category) e.category = 'Choose what the problem is.';
    if (!draft.place) e.location = 'Tell us where it is: use your location, enter a postcode or tap the map.';
    if (!draft.description.trim()) e.description = 'Tell us briefly what you saw.';
    for (const q of category?.questions ?? []) {
      const v = draft.answers[q.code];
      if (q.required && (v === undefined || v === '' || (Array.isArray(v) && v.length === 0))) e[`q-${q.code}`] = `Answer “${q.label}”.`;
    }
    if (draft.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim())) e.email = 'Enter an email address like name@example.com, or leave it empty.';
    return e;
  };

  const showErrors = (e: Record<string, string>, general?: string) => {
    setErrors(e);
    setFormError(general ?? null);
    setTimeout(() => summaryRef.current?.focus(), 0);
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const local = localErrors();
    if (Object.keys(local).length) return showErrors(local);
    setBusy('send');
    try {
      const r = await submitReport(draft, category!, photos);
      sessionStorage.removeItem(DRAFT_KEY);
      setReceipt(r);
      window.scrollTo(0, 0);
    } catch (err) {
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const [path, message] of Object.entries(err.fields)) {
          const t = fieldTarget(path);
          byField[t] ??= sentence(message);
        }
        if (err.code === 'OUTSIDE_AREA') byField.location = err.message;
        const detailsField = (err.details as { field?: string } | undefined)?.field;
        if (detailsField && !Object.keys(byField).length) byField[fieldTarget(detailsField)] = err.message;
        showErrors(byField, Object.keys(byField).length ? undefined : describeError(err));
      } else showErrors({}, describeError(err));
    } finally {
      setBusy('');
    }
  };

  if (receipt) return <Confirmation receipt={receipt} onAnother={() => { setReceipt(null); setDraft(EMPTY); setPhotos([]); }} />;

  const errorList = Object.entries(errors);
  const fieldClass = (id: string) => `field${errors[id] ? ' has-error' : ''}`;
  const err = (id: string) => errors[id] && <span class="field-error" id={`${id}-error`}>{errors[id]}</span>;
  const describedBy = (id: string, hint?: boolean) => [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div class="page narrow report-page">
      <h1>Report a street problem</h1>
      <p>Litter, fly-tipping, needles, graffiti and more. No account needed.</p>
      {loadError && <p class="banner error" role="alert">{loadError}</p>}

      {(errorList.length > 0 || formError) && (
        <div class="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">There is a problem</h2>
          {formError && <p>{formError}</p>}
          <ul>
            {errorList.map(([id, msg]) => (
              <li key={id}>
                <a href={`#${id === 'category' ? 'category-first' : id === 'location' ? 'postcode' : id}`} onClick={(e) => { e.preventDefault(); focusField(id); }}>
                  {summaryText(id, msg, category)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      <form onSubmit={submit} noValidate>
        <fieldset class={fieldClass('category')} id="category" aria-describedby={describedBy('category')}>
          <legend>What is the problem?</legend>
          {err('category')}
          {!categories && !loadError && <p><span class="spinner" aria-hidden="true" /> Loading…</p>}
          {groups.map(([group, cats]) => (
            <div class="category-group" key={group}>
              <h3 class="small muted">{group}</h3>
              <div class="category-grid">
                {cats.map((c, i) => (
                  <label class={`category-card${draft.categoryCode === c.code ? ' selected' : ''}`} key={c.code}>
                    <input
                      type="radio"
                      name="category"
                      value={c.code}
                      id={group === groups[0][0] && i === 0 ? 'category-first' : `category-${c.code}`}
                      checked={draft.categoryCode === c.code}
                      onChange={() => set('categoryCode', c.code)}
                    />
                    <Icon name={c.icon} />
                    <span>{c.name}</span>
                  </label>
                ))}
              </div>
            </div>
          ))}
        </fieldset>

        {category && (
          <p class="banner small">
            We aim to deal with {category.name.toLowerCase()} {slaText(category.slaPolicy)}.
            {category.hazard && ' Do not touch it: needles and drug litter can carry infection.'}
          </p>
        )}

        {category?.questions.map((q) => (
          <QuestionField key={`${category.code}.${q.code}`} id={`q-${q.code}`} question={q} value={draft.answers[q.code]} error={errors[`q-${q.code}`]} onChange={(v) => setAnswer(q.code, v)} />
        ))}

        <fieldset class={fieldClass('location')} aria-describedby={describedBy('location')}>
          <legend>Where is the problem?</legend>
          {err('location')}
          <p class="hint" id="location-hint">Use your location, enter a postcode, or tap the map to drop a pin. You can drag the pin to the exact spot.</p>
          <button type="button" class="secondary" onClick={useMyLocation} disabled={busy === 'gps'}>
            <Icon name="locate" size={22} /> {busy === 'gps' ? 'Finding you…' : 'Use my location'}
          </button>
          <div class="postcode-row">
            <div>
              <label for="postcode">Postcode</label>
              <input
                id="postcode"
                type="text"
                class="short"
                autocomplete="postal-code"
                autocapitalize="characters"
                value={draft.postcode}
                onInput={(e) => set('postcode', e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void findPostcode();
                  }
                }}
              />
            </div>
            <button type="button" class="secondary" onClick={findPostcode} disabled={busy === 'postcode'}>
              {busy === 'postcode' ? 'Finding…' : 'Find postcode'}
            </button>
          </div>
          <LeafletMap label="Map: tap to place the pin where the problem is" class="map report-map" zoom={14} onReady={onMapReady} />
          <p class="place-status" aria-live="polite">
            {draft.place ? (
              <>
                <Icon name="pin" size={18} /> Location set from {draft.place.label}
                {draft.place.wardName ? ` (${draft.place.wardName} ward)` : ''}.
              </>
            ) : (
              'No location yet.'
            )}
          </p>
          <div class={fieldClass('address')}>
            <label for="address">Nearest address or landmark <span class="muted">(optional)</span></label>
            {err('address')}
            <input id="address" type="text" autocomplete="street-address" value={draft.address} onInput={(e) => set('address', e.currentTarget.value)} aria-describedby={describedBy('address')} />
          </div>
        </fieldset>

        <div class={fieldClass('photo')}>
          <label for="photo">Photos <span class="muted">(optional, up to {MAX_PHOTOS}; they help the crew find it)</span></label>
          <span class="hint" id="photo-hint">Take a photo or choose one. Please avoid people’s faces and car number plates.</span>
          {err('photo')}
          {photos.length < MAX_PHOTOS ? (
            <input
              id="photo"
              type="file"
              accept="image/*"
              capture="environment"
              aria-describedby={describedBy('photo', true)}
              onChange={(e) => {
                const picked = [...(e.currentTarget.files ?? [])];
                e.currentTarget.value = ''; // the same file can be picked again after removing it
                setPhotos((cur) => [...cur, ...picked].slice(0, MAX_PHOTOS));
                setErrors(({ photo: _p, ...rest }) => rest);
              }}
            />
          ) : (
            <p class="small muted" id="photo">That is the most photos one report can take ({MAX_PHOTOS}).</p>
          )}
          {photoUrls.length > 0 && (
            <ul class="photo-preview">
              {photoUrls.map((url, i) => (
                <li key={url}>
                  <img src={url} alt={`Preview of your photo${photoUrls.length > 1 ? ` ${i + 1}` : ''}`} />
                  <button type="button" class="secondary small" onClick={() => setPhotos((cur) => cur.filter((_, j) => j !== i))}>
                    Remove photo{photoUrls.length > 1 ? ` ${i + 1}` : ''}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>

        <div class={fieldClass('description')}>
          <label for="description">Describe it</label>
          <span class="hint" id="description-hint">What is there and exactly where, for example “six black bags behind the shops on Sheil Road”.</span>
          {err('description')}
          <textarea id="description" rows={3} maxLength={2000} value={draft.description} onInput={(e) => set('description', e.currentTarget.value)} aria-describedby={describedBy('description', true)} />
        </div>

        <fieldset class="contact">
          <legend>Your contact details <span class="muted">(optional)</span></legend>
          <p class="hint" id="contact-hint">
            Only council staff handling your report can see these. They are never shown to councillors, partner organisations or the public,
            and never published. Give an email address if you want to hear when it is dealt with.
          </p>
          <div class={fieldClass('name')}>
            <label for="name">Your name</label>
            {err('name')}
            <input id="name" type="text" autocomplete="name" value={draft.name} onInput={(e) => set('name', e.currentTarget.value)} aria-describedby={describedBy('name')} />
          </div>
          <div class={fieldClass('email')}>
            <label for="email">Email address</label>
            {err('email')}
            <input id="email" type="email" autocomplete="email" value={draft.email} onInput={(e) => set('email', e.currentTarget.value)} aria-describedby={describedBy('email')} />
          </div>
          <div class={fieldClass('phone')}>
            <label for="phone">Phone number</label>
            {err('phone')}
            <input id="phone" type="tel" autocomplete="tel" value={draft.phone} onInput={(e) => set('phone', e.currentTarget.value)} aria-describedby={describedBy('phone')} />
          </div>
        </fieldset>

        <button type="submit" class="big" disabled={busy === 'send'}>{busy === 'send' ? 'Sending…' : 'Send report'}</button>
      </form>
    </div>
  );
}

/** Server messages name no field ("must be at least 1"), so the summary says which question they belong to. */
function summaryText(id: string, msg: string, category: Category | null): string {
  const label = FIELD_LABELS[id] ?? category?.questions.find((q) => `q-${q.code}` === id)?.label;
  if (!label || msg.startsWith('Answer') || /^(Choose|Tell|Enter)/.test(msg)) return msg;
  return `${label.replace(/[?:]$/, '')}: ${msg[0].toLowerCase()}${msg.slice(1)}`;
}

function sentence(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.') : s;
}

function focusField(id: string) {
  const target = id === 'category' ? 'category-first' : id === 'location' ? 'postcode' : id;
  const el = document.getElementById(target) ?? document.querySelector<HTMLElement>(`#${CSS.escape(id)} input, #${CSS.escape(id)} select`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

/** POST /api/reports as multipart (the photo travels with the report). */
async function submitReport(draft: Draft, category: Category, photos: File[]): Promise<ReportReceipt> {
  const form = new FormData();
  form.set('categoryCode', category.code);
  form.set('description', draft.description.trim());
  if (draft.place) {
    form.set('lat', draft.place.lat.toFixed(6));
    form.set('lng', draft.place.lng.toFixed(6));
  }
  if (draft.place?.how === 'postcode' && draft.postcode.trim()) form.set('postcode', draft.postcode.trim());
  if (draft.address.trim()) form.set('address', draft.address.trim());
  const answers: Record<string, unknown> = {};
  for (const q of category.questions) if (draft.answers[q.code] !== undefined && draft.answers[q.code] !== '') answers[q.code] = draft.answers[q.code];
  form.set('answers', JSON.stringify(answers));
  const contact = { name: draft.name.trim(), email: draft.email.trim(), phone: draft.phone.trim() };
  for (const [k, v] of Object.entries(contact)) if (v) form.set(k, v);
  for (const p of photos) form.append('photos', p, p.name || 'photo.jpg');
  return request<ReportReceipt>('/api/reports', { method: 'POST', body: form });
}

function Confirmation({ receipt, onAnother }: { receipt: ReportReceipt; onAnother: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // In the same commit that shows the confirmation, not a frame later: no moment in which focus sits on
  // the page body (a screen reader would announce nothing, a key press would go nowhere).
  useLayoutEffect(() => heading.current?.focus(), []);
  return (
    <div class="page narrow">
      <div class="panel confirm" role="status">
        <h1 ref={heading} tabIndex={-1}>Report sent – thank you</h1>
        <p>Your reference is</p>
        <strong class="reference" data-testid="reference">{receipt.reference}</strong>
      </div>
      <h2>What happens next</h2>
      <p>
        A member of the street cleansing team checks every report{receipt.ward ? ` for ${receipt.ward.name}` : ''} and sends a crew.
        {receipt.dueAt && <> We aim to deal with it by <strong>{formatDateTime(receipt.dueAt)}</strong>.</>}
      </p>
      <p>
        <Link href={`/track/${encodeURIComponent(receipt.trackingToken)}`}>Follow your report</Link> — keep this link; it is the only way to see progress
        without an email address.
      </p>
      <button type="button" class="secondary" onClick={onAnother}>Report another problem</button>
    </div>
  );
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
}
