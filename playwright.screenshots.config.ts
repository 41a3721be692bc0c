import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npm run screenshots:customer`: the production server as the end-to-end suite starts it, and
// only the *.screens.ts files, which write docs/screenshots/ instead of asserting.
export default defineConfig({ ...base, testMatch: /.*\.screens\.ts$/, retries: 0, reporter: [["list"]] });
