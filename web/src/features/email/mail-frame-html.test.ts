import { describe, expect, it } from 'vitest';
import { framedHtml, linkPieces } from './mail-frame-html';

const base = '<base target="_blank"><meta name="referrer" content="no-referrer">';

describe('the HTML put into the sandboxed frame', () => {
  it("links open in a new tab: the base goes into the message's own head, so its doctype stays first", () => {
    const html =
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head><body><a href="x">x</a></body></html>';
    expect(framedHtml(html)).toBe(
      `<!DOCTYPE html><html lang="en"><head>${base}<meta charset="utf-8"></head><body><a href="x">x</a></body></html>`,
    );
  });

  it('a <header> element is not taken for the head; a message without a head gets one', () => {
    expect(framedHtml('<html><body><header>Hi</header></body></html>')).toBe(
      `<html><head>${base}</head><body><header>Hi</header></body></html>`,
    );
  });

  it('a fragment or a doctype-only message still gets the base, after the doctype', () => {
    expect(framedHtml('<p>Hi</p>')).toBe(`${base}<p>Hi</p>`);
    expect(framedHtml('<!doctype html><p>Hi</p>')).toBe(`<!doctype html>${base}<p>Hi</p>`);
  });
});

describe('links in the plain-text part', () => {
  it('the text tab finds http(s) addresses, leaving a sentence’s full stop outside the link', () => {
    expect(linkPieces('Sign in:\nhttps://shop.test/signin?next=%2F. Or javascript:alert(1)')).toEqual([
      { at: 0, text: 'Sign in:\n' },
      { at: 9, text: 'https://shop.test/signin?next=%2F', href: 'https://shop.test/signin?next=%2F' },
      { at: 42, text: '. Or javascript:alert(1)' },
    ]);
  });

  it('text without an address is one piece; the pieces always add up to the text', () => {
    expect(linkPieces('No links here')).toEqual([{ at: 0, text: 'No links here' }]);
    const text = '(see http://a.test/x), then https://b.test';
    expect(
      linkPieces(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
  });
});
