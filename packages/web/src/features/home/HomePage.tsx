// Being written: replaced by the real page.
export default function HomePage() {
  return null;
}
