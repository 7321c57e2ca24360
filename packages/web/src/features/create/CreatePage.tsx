// Being written: replaced by the real page.
export default function CreatePage() {
  return null;
}
