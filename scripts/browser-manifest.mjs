// The one manifest source (extension/manifest.json, written for Chrome) turned into each
// browser's manifest at build time. Only what a browser does not know, or names differently,
// changes; every other key is shared.
//
//   manifestFor('chrome', source) / manifestFor('firefox', source)

// The add-on id Firefox stores settings under (storage.sync, policies for storage.managed).
export const FIREFOX_ADDON_ID = 'miwake@miwake.invalid';
// Firefox 140 (an ESR) is the first with everything the manifest uses: storage.session (115),
// match_origin_as_fallback (128), declarativeNetRequest (128), data_collection_permissions (140).
export const FIREFOX_MIN_VERSION = '140.0';

export function manifestFor(browser, source) {
  const manifest = structuredClone(source);
  if (browser === 'chrome') return manifest;
  if (browser !== 'firefox') throw new Error(`no manifest for browser ${browser}`);

  // Firefox runs the background as an event page, not a service worker: the same module.
  const { service_worker: worker, ...background } = manifest.background;
  manifest.background = { ...background, scripts: [worker] };
  delete manifest.minimum_chrome_version;
  // Firefox reads storage.managed from enterprise policies (policies.json "3rdparty"), not from a
  // schema in the manifest; the options page shows whatever the policy sets.
  delete manifest.storage;
  // options_page is Chrome's; options_ui opened in a tab is the same page.
  if (manifest.options_page) {
    manifest.options_ui = { page: manifest.options_page, open_in_tab: true };
    delete manifest.options_page;
  }
  manifest.browser_specific_settings = {
    gecko: {
      id: FIREFOX_ADDON_ID,
      strict_min_version: FIREFOX_MIN_VERSION,
      // Nothing leaves the machine: Firefox shows this at install.
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on.
    gecko_android: { strict_min_version: '142.0' },
  };
  return manifest;
}

// The oldest engine a bundle must run in, for esbuild's `target`.
export function engineTarget(browser, manifest) {
  if (browser === 'firefox') return `firefox${parseInt(FIREFOX_MIN_VERSION, 10)}`;
  return `chrome${manifest.minimum_chrome_version}`;
}
