// Being written: replaced by the real page.
export default function CatalogPage() {
  return null;
}
