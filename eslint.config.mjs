import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next.js's rules (React, hooks, accessibility, Core Web Vitals) and typescript-eslint's
// recommended rules, run by `npm test` (scripts/test.sh) and so by CI.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A leading underscore marks a value left out on purpose (`({ eventId: _, ...rest }) => rest`).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["e2e/**/*.ts"],
    rules: {
      // Playwright's fixtures hand each value on with a function named `use`, which the React rule
      // takes for React's `use` hook; there is no React in e2e/.
      "react-hooks/rules-of-hooks": "off",
    },
  },
  {
    files: ["**/*.test.ts"],
    rules: {
      // Tests read JSON response bodies field by field; typing every body would only restate the API.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  globalIgnores([".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "bench/.tmp/**", "dist/**"]),
]);
