import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HighlightedText, highlightParts } from './highlight';

describe('highlightParts', () => {
  it('splits a highlighted string into plain and marked parts', () => {
    expect(highlightParts('the <mark>orders</mark> api for <mark>orders</mark>', '<mark>', '</mark>')).toEqual([
      { text: 'the ', marked: false },
      { text: 'orders', marked: true },
      { text: ' api for ', marked: false },
      { text: 'orders', marked: true },
    ]);
  });

  it('marks the rest after an unclosed tag, and works when both tags are the same', () => {
    expect(highlightParts('a<mark>b', '<mark>', '</mark>')).toEqual([
      { text: 'a', marked: false },
      { text: 'b', marked: true },
    ]);
    expect(highlightParts('x **y** z', '**', '**')).toEqual([
      { text: 'x ', marked: false },
      { text: 'y', marked: true },
      { text: ' z', marked: false },
    ]);
  });
});

describe('HighlightedText', () => {
  it('renders markup inside the document text as inert text, only the highlight tags become <mark>', () => {
    const text =
      '<script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> calls the <mark>orders</mark> API; <b>bold</b> <mark><img src=y onerror=alert(1)></mark>';
    const { container } = render(
      <p>
        <HighlightedText text={text} preTag="<mark>" postTag="</mark>" />
      </p>,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    const marks = [...container.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['orders', '<img src=y onerror=alert(1)>']);
    expect(container).toHaveTextContent('<script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> calls the orders API');
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('shows the text unchanged when the result has no highlight tags', () => {
    const { container } = render(
      <p>
        <HighlightedText text="<mark>not a highlight</mark>" />
      </p>,
    );
    expect(container.querySelector('mark')).toBeNull();
    expect(container).toHaveTextContent('<mark>not a highlight</mark>');
  });
});
