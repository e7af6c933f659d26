// src/domain/displayText.ts: untrusted text made plain (one line, bounded, no link or icon syntax) or
// Markdown that shows exactly that text; capLength never splits a surrogate pair.
import * as assert from 'node:assert/strict';
import { MAX_DISPLAY_LENGTH, capLength, markdownText, plainText } from '../../../src/domain/displayText';

describe('domain/displayText', () => {
  it('plainText: an ordinary text is unchanged', () => {
    assert.equal(plainText('Key created for Petstore.'), 'Key created for Petstore.');
    assert.equal(plainText(''), '');
  });

  it('plainText: every kind of break is one space; runs of spaces collapse; the ends are trimmed', () => {
    assert.equal(plainText(' a\r\nb\tc\vd\fe\u0085f\u2028g\u2029h '), 'a b c d e f g h');
    assert.equal(plainText('a \n\n  b'), 'a b');
    assert.equal(plainText('a  b'), 'a b');
    assert.equal(plainText('a b'), 'a b');
  });

  it('plainText: control, bidi and zero-width characters become U+FFFD, one each', () => {
    assert.equal(plainText('a\u0000b\u001fc\u007fd\u009fe'), 'a\ufffdb\ufffdc\ufffdd\ufffde');
    assert.equal(plainText('x\u061c\u200b\u200f\u202a\u202e\u2060\u2069\ufeff\ufff9\ufffby'), `x${'\ufffd'.repeat(10)}y`);
    assert.equal(plainText('é ü ß \u00a0 \u2010'), 'é ü ß \u00a0 \u2010', 'printable characters stay');
    assert.equal(plainText('\ud800x\udc00'), '\ufffdx\ufffd', 'lone surrogates');
    assert.equal(plainText('\ud83d\ude00'), '\ud83d\ude00', 'a pair stays');
  });

  it('plainText: link and icon syntax is broken, the words kept', () => {
    assert.equal(plainText('[Fix](command:x)'), '[Fix] (command:x)');
    assert.equal(plainText('[Fix] \n (command:x)'), '[Fix] (command:x)');
    assert.equal(plainText('![i](u)'), '![i] (u)');
    assert.equal(plainText('$(zap) go'), '$ (zap) go');
    assert.equal(plainText('[a] b (c)'), '[a] b (c)');
  });

  it('plainText: bounded to max characters (default 300) plus an ellipsis, trimmed before it', () => {
    assert.equal(MAX_DISPLAY_LENGTH, 300);
    assert.equal(plainText('x'.repeat(300)), 'x'.repeat(300));
    assert.equal(plainText('x'.repeat(301)), `${'x'.repeat(300)}…`);
    assert.equal(plainText('abcdef', 6), 'abcdef');
    assert.equal(plainText('abcdefg', 6), 'abcdef…');
    assert.equal(plainText('abc defg', 4), 'abc…');
    assert.equal(plainText('abcdef', 2.9), 'ab…');
    assert.equal(plainText('abcdef', 0), 'a…', 'at least one character');
    assert.equal(plainText('a\ud83d\ude00b', 2), 'a…');
    assert.equal(plainText('ab\ud83d\ude00', 4), 'ab\ud83d\ude00');
    assert.equal(plainText('\ud83d\ude00abc', 3), '\ud83d\ude00a…', 'a pair before the cut is kept');
  });

  it('plainText: a text longer than the window is cut even when cleaning shortens it', () => {
    // 4 × 2 + 16 = 24 characters are read; the rest is never looked at, and the cut is said with "…".
    const text = `${' '.repeat(30)}ab`;
    assert.equal(plainText(text, 2), '…');
    assert.equal(plainText(`ab${' '.repeat(30)}cd`, 2), 'ab…');
    assert.equal(plainText(`${'a'.repeat(24)}`, 2), 'aa…');
    // 4 × 3 + 16 = 28: a text of 28 characters is read whole, one of 29 is cut.
    assert.equal(plainText(`a${' '.repeat(26)}b`, 3), 'a b');
    assert.equal(plainText(`a${' '.repeat(27)}b`, 3), 'a…');
  });

  it('markdownText: every ASCII punctuation character escaped, letters and digits not', () => {
    assert.equal(markdownText('a[b](c)'), 'a\\[b\\] \\(c\\)');
    assert.equal(markdownText('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'), '\\!\\"\\#\\$\\%\\&\\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`\\{\\|\\}\\~');
    assert.equal(markdownText('Petstore v2 é'), 'Petstore v2 é');
    assert.equal(markdownText('x'.repeat(5), 3), 'xxx…');
  });

  it('capLength: at most max units, the text unchanged, a pair never split', () => {
    assert.equal(capLength('abc', 3), 'abc');
    assert.equal(capLength('abcd', 3), 'abc');
    assert.equal(capLength('ab\ud83d\ude00', 3), 'ab');
    assert.equal(capLength('ab\ud83d\ude00', 4), 'ab\ud83d\ude00');
    assert.equal(capLength('a\nb', 2), 'a\n');
    assert.equal(capLength('abc', 0), '');
    assert.equal(capLength('\ud83d\ude00', 1), '');
    assert.equal(capLength('\ud83d\ude00ab', 3), '\ud83d\ude00a', 'a pair before the cut is kept');
  });
});
