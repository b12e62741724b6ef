import { chromium } from "playwright-core";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage();
const url = process.argv[2];
await page.goto(url);
for (let i = 0; i < 6; i++) {
  const t = Date.now();
  await page.reload();
  const timing = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime;
    return { reqStart: Math.round(n.requestStart), respStart: Math.round(n.responseStart), respEnd: Math.round(n.responseEnd), domInteractive: Math.round(n.domInteractive), dcl: Math.round(n.domContentLoadedEventEnd), fcp: Math.round(fcp ?? -1), load: Math.round(n.loadEventEnd) };
  });
  console.log(JSON.stringify(timing));
}
await browser.close();
