/** Up to MAX_PHOTOS photos, each previewed with a button to remove it. */
import { useEffect, useState } from 'preact/hooks';
import { MAX_PHOTOS, type FieldErrors, type FieldHelpers } from './draft.ts';

interface Props {
  photos: File[];
  setPhotos: (update: (cur: File[]) => File[]) => void;
  setErrors: (update: (e: FieldErrors) => FieldErrors) => void;
  field: FieldHelpers;
}

export function PhotosField({ photos, setPhotos, setErrors, field }: Props) {
  const [photoUrls, setPhotoUrls] = useState<string[]>([]);
  useEffect(() => {
    const urls = photos.map((f) => URL.createObjectURL(f));
    setPhotoUrls(urls);
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, [photos]);

  return (
    <div class={field.fieldClass('photo')}>
      <label for="photo">Photos <span class="muted">(optional, up to {MAX_PHOTOS}; they help the crew find it)</span></label>
      <span class="hint" id="photo-hint">Take a photo or choose one. Please avoid people’s faces and car number plates.</span>
      {field.err('photo')}
      {photos.length < MAX_PHOTOS ? (
        <input
          id="photo"
          type="file"
          accept="image/*"
          capture="environment"
          aria-describedby={field.describedBy('photo', true)}
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
  );
}
