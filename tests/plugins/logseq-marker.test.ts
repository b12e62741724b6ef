/** Fixtures for `tests/fixtures/logseq-marker/`, parsed as Logseq pages and rendered (see `tests/helpers/logseq.ts`). */
import { runLogseqFixtures } from "../helpers/logseq.ts";

runLogseqFixtures("logseq-marker");
