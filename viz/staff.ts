/**
 * The staff pages share one HTML shell; the path picks the page module, and each
 * module is its own chunk, loaded only where it is needed.
 */
const PAGES: Array<[RegExp, () => Promise<unknown>]> = [
  [/^\/$/, () => import("./admin/sign-in.ts")],
  [/^\/sign-in\/link\/?$/, () => import("./admin/sign-in-link.ts")],
  [/^\/calls\/?$/, () => import("./admin/calls-page.ts")],
  [/^\/calls\/[^/]+\/?$/, () => import("./workspace/overview-page.ts")],
  [/^\/calls\/[^/]+\/admin\/?$/, () => import("./admin/call-admin-page.ts")],
  [/^\/calls\/[^/]+\/compare\/?$/, () => import("./workspace/compare-page.ts")],
  [/^\/lots\/[^/]+\/?$/, () => import("./workspace/lot-page.ts")],
  [/^\/circles\/[^/]+\/[^/]+\/?$/, () => import("./workspace/circle-view-page.ts")],
  [/^\/interviews\/[^/]+\/[^/]+\/?$/, () => import("./interviews/interview-page.ts")],
  [/^\/tokens\/?$/, () => import("./admin/tokens-page.ts")],
  [/^\/accounts\/?$/, () => import("./admin/accounts-page.ts")],
  [/^\/access-log\/?$/, () => import("./admin/access-log-page.ts")],
  [/^\/outbox\/?$/, () => import("./admin/outbox-page.ts")],
  [/^\/api-docs\/?$/, () => import("./admin/api-page.ts")],
];

const page = PAGES.find(([path]) => path.test(location.pathname));
if (page) void page[1]();
else location.replace("/");
