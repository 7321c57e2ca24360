/** A problem found while building, named by file (relative to the docs root) and line. */
export interface BuildWarning {
  file: string;
  line?: number;
  message: string;
}
