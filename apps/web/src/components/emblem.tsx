/**
 * The platform's mark, in a module of its own: ui.tsx imports next/link, and a server component
 * importing it puts Link's chunk into its segment's first load (the 404 page has no other use
 * for it).
 */
export function Emblem({ className }: { className?: string }) {
  // A plain five-point star in a ring: reads as an official mark without copying any real emblem.
  return (
    <svg viewBox="0 0 40 40" aria-hidden="true" className={className}>
      <circle cx="20" cy="20" r="18.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path fill="currentColor" d="M20 8.5l3.1 7.9 8.4.4-6.6 5.3 2.3 8.2L20 25.6l-7.2 4.7 2.3-8.2-6.6-5.3 8.4-.4z" />
    </svg>
  );
}
