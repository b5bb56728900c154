// Puppeteer must never download its own browser here: the service launches Debian's Chromium
// (/usr/bin/chromium, or CHROMIUM_PATH).
module.exports = { skipDownload: true };
