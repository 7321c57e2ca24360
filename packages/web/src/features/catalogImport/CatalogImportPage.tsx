// Being written: replaced by the real page.
export default function CatalogImportPage() {
  return null;
}
