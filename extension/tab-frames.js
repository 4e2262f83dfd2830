// How a tab's frames are judged together. A clone can put the brand in one document and the form
// in another: the Google logo and "Sign in" in the top page, the password field in a frame from a
// site the address rules know nothing of (or the reverse). Each frame is judged on its own, and a
// frame with credential fields is judged again with what the top page shows (and a form in the top
// page with what such a frame shows). The tab's verdict is the worst of all these; a frame is
// answered with its own, unless the tab is `danger`, in which case every frame is told so.
//
// A frame's entry, as tab-state.js keeps it: { documentId, url, address, signals, signs, report,
// told, at }. `signals` are page-signals.js's (sent with credential fields only), `signs` the top
// page's brand signs (page-signals.js brandSigns) (asked for when it sent none), `report` the frame's own verdict,
// `told` the verdict the frame was last given, `at` when it last reported. Frames that never
// reported (most: a frame without fields keeps silent) are not in it.

const RANK = { ok: 0, caution: 1, danger: 2 };
const rank = (report) => RANK[report?.verdict] ?? 0;

// Documents with no address of their own (about:blank, about:srcdoc: written by whoever made them)
// are judged at the origin that made them, which the browser names in the message sender: a page
// that writes a sign-in clone into an empty frame or popup is judged as if it showed it itself.
// blob: addresses carry their origin already; data: addresses are judged as such (the core flags
// them).
export function addressOf(url, origin) {
  if (!/^about:/i.test(url)) return url;
  return typeof origin === 'string' && /^https?:\/\/[^/]+$/i.test(origin) ? `${origin}/` : url;
}

// http(s) and blob: addresses name a site; data: and opaque about: ones do not.
const isWebAddress = (address) => /^(https?:|blob:https?:)/i.test(address ?? '');

// What a clone split over two documents shows as one page: the brand document's title, site
// name, headings, text, logos and ids with the form document's fields and forms.
export function merged(brand, form) {
  const list = (x) => (Array.isArray(x) ? x : []);
  return {
    title: [brand.title, form.title].filter(Boolean).join(' | ').slice(0, 512),
    siteName: brand.siteName || form.siteName || '',
    headings: [...list(brand.headings), ...list(form.headings)].slice(0, 16),
    text: `${brand.text ?? ''} ${form.text ?? ''}`.slice(0, 4000),
    images: [...list(brand.images), ...list(form.images)].slice(0, 64),
    ids: [...list(form.ids), ...list(brand.ids)].slice(0, 256),
    fields: list(form.fields),
    forms: list(form.forms),
    bodyId: form.bodyId || brand.bodyId || '',
    bodyClasses: `${form.bodyClasses ?? ''} ${brand.bodyClasses ?? ''}`.trim().slice(0, 256),
  };
}

// Whether a frame with credential fields needs the top page's brand signs, which the top page
// sends only when it has fields itself: the worker asks it for them (GET_SIGNS).
export const needsTopSigns = (frames) => {
  const top = frames[0];
  return Boolean(top && !top.signals && top.signs === undefined
    && Object.entries(frames).some(([id, f]) => id !== '0' && f.signals));
};

// Every judgement the tab's frames make, each with the frames it concerns: their own reports,
// then each pairing of a form with another frame's brand signs. `checkPage(address, signals)`
// judges one. The top frame's own report comes first, so it is the one named on ties.
export async function judgeTogether(frames, checkPage) {
  const judgements = [];
  for (const [id, frame] of Object.entries(frames)) {
    if (frame.report) judgements.push({ report: frame.report, frames: [id] });
  }
  const top = frames[0];
  if (!top) return judgements;
  const topSigns = top.signals ?? top.signs;
  for (const [id, frame] of Object.entries(frames)) {
    if (id === '0') continue;
    if (frame.signals && topSigns) {
      judgements.push({ report: await checkPage(frame.address, merged(topSigns, frame.signals)), frames: [id, '0'] });
    }
    // A frame with no site of its own (a data: document) holds what the page around it put there:
    // its form is judged at the top page's address as well.
    if (frame.signals && !isWebAddress(frame.address) && isWebAddress(top.address)) {
      const signals = topSigns ? merged(topSigns, frame.signals) : frame.signals;
      judgements.push({ report: await checkPage(top.address, signals), frames: [id, '0'] });
    }
    if (top.signals && frame.signals) {
      judgements.push({ report: await checkPage(top.address, merged(frame.signals, top.signals)), frames: ['0', id] });
    }
  }
  return judgements;
}

// At most MAX_FRAMES frames of a tab are kept (the top page and the latest to report): each holds up
// to 200 kB of signals, and storage.session holds 10 MB for every tab together.
const MAX_FRAMES = 16;
export function keepLatest(frames) {
  const ids = Object.keys(frames).filter((id) => id !== '0').sort((a, b) => (frames[a].at ?? 0) - (frames[b].at ?? 0));
  for (const id of ids.slice(0, Math.max(0, ids.length - (MAX_FRAMES - 1)))) delete frames[id];
  return frames;
}

// The worst report, the first on ties; null when there is none.
export function worst(judgements) {
  let found = null;
  for (const { report } of judgements) if (!found || rank(report) > rank(found)) found = report;
  return found;
}

// What frame `id` is told: the worst judgement it takes part in, or the tab's when the tab is
// `danger` (nothing typed may reach any frame of it).
export function verdictFor(id, judgements, tabReport) {
  const mine = worst(judgements.filter((j) => j.frames.includes(String(id))));
  if (tabReport?.verdict === 'danger' && mine?.verdict !== 'danger') return tabReport;
  return mine ?? tabReport;
}
