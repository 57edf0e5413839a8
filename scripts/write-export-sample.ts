import { writeFileSync } from "node:fs";
import { SAMPLE_GEXF, sampleGexf } from "./export-sample.ts";

writeFileSync(SAMPLE_GEXF, sampleGexf());
console.log(`wrote ${SAMPLE_GEXF}`);
