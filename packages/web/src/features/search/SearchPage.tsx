// Being written: replaced by the real page.
export default function SearchPage() {
  return null;
}
