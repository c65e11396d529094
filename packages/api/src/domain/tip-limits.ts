/**
 * What one tip submission may carry. Apart from ./tip.ts, which needs node:crypto: the public
 * tip form imports these, and a browser bundle of node:crypto is half a megabyte of polyfills
 * (one of which calls Function(), which the Content-Security-Policy refuses).
 * Photos are checked by their content, like every upload.
 */
export const TIP_LIMITS = {
  maxPhotos: 5,
  maxPhotoBytes: 5 * 1024 * 1024,
  photoTypes: ["image/jpeg", "image/png", "image/webp", "image/gif"] as readonly string[],
  contentMax: 2000,
  contentMin: 10,
  locationMax: 200,
  contactMax: 60,
};
