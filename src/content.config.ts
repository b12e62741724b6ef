/** The site's collections, all loaded from the vault's question graph (see `src/content/loader.ts`). */
import { defineCollection } from "astro:content";
import { wendaLoader } from "./content/loader.ts";

export const collections = {
  notes: defineCollection({ loader: wendaLoader("notes") }),
  questions: defineCollection({ loader: wendaLoader("questions") }),
  tags: defineCollection({ loader: wendaLoader("tags") }),
  comments: defineCollection({ loader: wendaLoader("comments") }),
  site: defineCollection({ loader: wendaLoader("site") }),
  previews: defineCollection({ loader: wendaLoader("previews") }),
};
