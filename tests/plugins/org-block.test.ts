/** Fixtures for `tests/fixtures/org-block/`, parsed as Logseq pages and rendered (see `tests/helpers/logseq.ts`). */
import { runLogseqFixtures } from "../helpers/logseq.ts";

runLogseqFixtures("org-block");
