// Opens the HTML handover summary in Debian's Chromium through puppeteer-core (never `puppeteer`, which
// downloads a browser of its own), and checks it as a reader would meet it:
//   1. axe-core, WCAG 2.2 A and AA rules, at desktop and phone widths: zero violations;
//   2. nothing but the file itself is loaded (the summary is self-contained), and at 390 px nothing makes the
//      page scroll sideways (WCAG 1.4.10 reflow);
//   3. screenshots at 390 px (phone: the whole page and the first screen) and 1280 px (desktop) to look at;
//   4. printed to PDF with the print stylesheet: OFFICIAL-SENSITIVE and "Page N of M" on every page, no page
//      ending on a heading (pdftotext per page, pdfinfo for the page count).
// Usage: node check_summary.js SUMMARY.html OUTDIR        (run by run.sh, which decides when to skip)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const puppeteer = require('puppeteer-core');

const [htmlArg, outArg] = process.argv.slice(2);
if (!htmlArg || !outArg) {
  console.error('usage: node check_summary.js SUMMARY.html OUTDIR');
  process.exit(2);
}
const html = path.resolve(htmlArg);
const out = path.resolve(outArg);
fs.mkdirSync(out, { recursive: true });
const chromium = process.env.THROUGHLINE_CHROMIUM || '/usr/bin/chromium';
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const failures = [];
const fail = (msg) => { failures.push(msg); console.log('FAIL: ' + msg); };
const ok = (msg) => console.log('ok: ' + msg);

async function axeRun(page, label) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    wcagTags);
  if (result.violations.length === 0) {
    ok(`axe-core ${result.testEngine.version} (${wcagTags.join(', ')}) at ${label}: 0 violations, ` +
       `${result.passes.length} rules passed, ${result.incomplete.length} to review by hand`);
  }
  for (const v of result.violations) {
    fail(`axe ${label}: ${v.id} (${v.impact}): ${v.help} [${v.tags.filter((t) => t.startsWith('wcag')).join(' ')}]`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${n.failureSummary.replace(/\n/g, ' ')}`);
  }
  for (const v of result.incomplete) {
    console.log(`  to review by hand (${label}): ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\n/g, ' ')}`);
  }
}

function pdfText(file, pageNo) {
  return execFileSync('pdftotext', ['-q', '-layout', '-f', String(pageNo), '-l', String(pageNo), file, '-'], { encoding: 'utf8' });
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'throughline-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-dev-shm-usage', '--font-render-hinting=none'],
  });
  try {
    console.log(`Chromium ${await browser.version()}, puppeteer-core ${require('puppeteer-core/package.json').version}`);
    const page = await browser.newPage();
    const outside = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const u = r.url();
      if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('about:')) r.continue();
      else { outside.push(u); r.abort(); }
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto('file://' + html, { waitUntil: 'load' });
    if (outside.length) fail(`the summary asked for ${outside.length} outside resources: ${outside.join(', ')}`);
    else ok('self-contained: nothing loaded but the file');
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== 'en-GB') fail(`<html lang> is "${lang}", not en-GB`); else ok('lang="en-GB"');

    await axeRun(page, '1280 px');
    await page.screenshot({ path: path.join(out, 'summary-desktop-1280.png'), fullPage: true });

    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    await page.reload({ waitUntil: 'load' });
    const overflow = await page.evaluate(() => {
      // Wide tables scroll inside their own (keyboard-focusable) region; the page itself must not.
      const w = document.documentElement.clientWidth;
      return { page: document.documentElement.scrollWidth - w, width: w };
    });
    if (overflow.page > 1) fail(`at ${overflow.width} px the page scrolls sideways by ${overflow.page} px`);
    else ok(`at ${overflow.width} px the page does not scroll sideways`);
    await axeRun(page, '390 px');
    await page.screenshot({ path: path.join(out, 'summary-phone-390.png'), fullPage: true });
    await page.screenshot({ path: path.join(out, 'summary-phone-390-first-screen.png') }); // what a phone shows first

    // Print: the print stylesheet, A4, as a key worker's browser would print it.
    await page.setViewport({ width: 1280, height: 900 });
    await page.emulateMediaType('print');
    const headings = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3')].map((h) => h.textContent.replace(/\s+/g, ' ').trim()));
    const pdfFile = path.join(out, 'summary-print.pdf');
    await page.pdf({ path: pdfFile, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    const pages = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1] || 0);
    if (pages < 2) fail(`the printed summary has ${pages} pages; expected several`);
    let marked = 0, numbered = 0;
    for (let p = 1; p <= pages; ++p) {
      const text = pdfText(pdfFile, p);
      const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if ((text.match(/OFFICIAL-SENSITIVE/g) || []).length >= 2) ++marked;
      else fail(`printed page ${p} of ${pages} does not carry OFFICIAL-SENSITIVE at top and bottom`);
      if (text.includes(`Page ${p} of ${pages}`)) ++numbered;
      else fail(`printed page ${p} has no "Page ${p} of ${pages}"`);
      // The last line of content (before the footer lines) must not be a heading left alone at the bottom.
      const body = lines.filter((l) => !/^OFFICIAL-SENSITIVE/.test(l) && !/^Page \d+ of \d+$/.test(l) &&
                                       !/OFFICIAL-SENSITIVE\s+Page \d+ of \d+$/.test(l));
      const last = body[body.length - 1] || '';
      if (p < pages && headings.includes(last)) fail(`printed page ${p} ends with the heading "${last}"`);
    }
    if (marked === pages && numbered === pages)
      ok(`printed to ${pages} A4 pages, each with OFFICIAL-SENSITIVE at top and bottom and "Page N of ${pages}"; no page ends on a heading`);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`Screenshots and print: ${out}`);
  if (failures.length) {
    console.log(`${failures.length} problems found.`);
    process.exit(1);
  }
  console.log('The HTML summary passes in Chromium.');
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
