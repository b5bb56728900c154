import t from 'tap';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fromRoot } from '../../src/paths.js';

// The README is what a newcomer reads to the end, so it stays short, and everything it and docs/ point
// to must be there: a moved file or a renamed heading breaks a test, not a reader's path.

const README_LIMIT = 10_500;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The text outside fenced code blocks and code spans: links inside code are examples, not links. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Every link and image target: [text](target "title"), ![alt](target), <img src="target">. */
function targets(markdown: string): string[] {
  const text = prose(markdown);
  const inline = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const html = [...text.matchAll(/<img\s[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  return [...inline, ...html];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]{2,}|(?<!\w)[*`](?!\w)/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

const files = [fromRoot('README.md'), ...markdownFiles(fromRoot('docs'))];

t.test(`README.md is at most ${README_LIMIT} bytes`, async (t) => {
  const size = statSync(fromRoot('README.md')).size;
  t.ok(size <= README_LIMIT, `README.md is ${size} bytes`);
});

t.test('the anchors of a heading are those GitHub makes', async (t) => {
  const anchors = anchorsOf('# Dịch vụ đợt kiểm tra\n## The real client address (TRUST_PROXY)\n## Two commands\n## Two commands\n```\n# not a heading\n```\n');
  t.same([...anchors], ['dịch-vụ-đợt-kiểm-tra', 'the-real-client-address-trust_proxy', 'two-commands', 'two-commands-1']);
});

t.test('every relative link and image of the README and docs/ points to a file (and heading) that exists', async (t) => {
  let checked = 0;
  for (const file of files) {
    const name = relative(fromRoot(), file);
    const markdown = readFileSync(file, 'utf8');
    for (const target of targets(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
      const [pathPart = '', anchor] = target.split('#', 2) as [string, string | undefined];
      const path = pathPart === '' ? file : join(dirname(file), decodeURIComponent(pathPart));
      checked += 1;
      if (!existsSync(path)) {
        t.fail(`${name}: ${target} points to nothing`);
        continue;
      }
      if (anchor !== undefined && path.endsWith('.md')) {
        t.ok(anchorsOf(readFileSync(path, 'utf8')).has(decodeURIComponent(anchor)), `${name}: ${target} names a heading of ${relative(fromRoot(), path)}`);
      }
    }
  }
  t.ok(checked > 50, `${checked} links checked`);
});

t.test('the README shows screenshots the browser tests write, and links every guide of docs/', async (t) => {
  const readme = readFileSync(fromRoot('README.md'), 'utf8');
  const images = targets(readme).filter((target) => target.endsWith('.png'));
  t.ok(images.length >= 3, 'a screenshot for each journey');
  for (const image of images) t.match(image, /^docs\/screenshots\/[\w-]+-(360|1366)\.png$/);
  for (const guide of readdirSync(fromRoot('docs', 'guide'))) t.ok(readme.includes(`docs/guide/${guide}`), `README links docs/guide/${guide}`);
});

t.test('the README and docs/ are Vietnamese as it is written: NFC, and ư never the look-alike ƣ', async (t) => {
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = relative(fromRoot(), file);
    t.equal(text, text.normalize('NFC'), `${name} is NFC`);
    t.notMatch(text, /[\u01a2\u01a3]/, `${name} has no ƣ (U+01A3) standing in for ư`);
  }
});
