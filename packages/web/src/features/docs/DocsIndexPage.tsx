// Being written: replaced by the real page.
export default function DocsIndexPage() {
  return null;
}
