/**
 * The vault's folders watched for `wenda dev`, one `fs.watch` per folder (inotify on Linux). Vite's watcher
 * (chokidar) read and lstat'ed a whole folder again after every change in it: at 4,000 cards, 60 ms of each edit
 * went to listing `卡片/`. Here an event names the file, and nothing is listed but a folder that appears.
 *
 * What is reported: the absolute path of each file written, added or removed; a folder that appears is watched
 * and each file in it reported; a folder that goes away is reported as itself (the files it held are the
 * caller's to find: `DevSite.update` takes a folder for the notes it knew under it).
 */
import fs from "node:fs";
import path from "node:path";

export interface FolderWatch {
  close(): void;
}

export interface FolderWatchOptions {
  /** Folders (vault-relative, `/`-separated) not to watch, nor enter. */
  skip(relative: string): boolean;
  /** Called once per event with an absolute path. */
  onChange(file: string): void;
}

export function watchFolders(root: string, options: FolderWatchOptions): FolderWatch {
  const watchers = new Map<string, fs.FSWatcher>();
  const relativeOf = (full: string) => path.relative(root, full).split(path.sep).join("/");

  const unwatch = (folder: string) => {
    for (const [watched, watcher] of watchers) {
      if (watched !== folder && !watched.startsWith(folder + path.sep)) continue;
      watcher.close();
      watchers.delete(watched);
    }
  };

  /** Watch `folder` and the folders under it; `report` each file found (a folder that appeared). */
  const watch = (folder: string, report: boolean) => {
    if (watchers.has(folder) || (folder !== root && options.skip(relativeOf(folder)))) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(folder, (event, name) => onEvent(folder, event, name));
    } catch {
      return; // Gone already, or not readable: nothing to watch.
    }
    // A watched folder removed (or unreadable) ends its watcher; its parent's event reports it.
    watcher.on("error", () => unwatch(folder));
    watchers.set(folder, watcher);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      // Listed as it is removed: its parent reports it.
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) watch(full, report);
      else if (report) options.onChange(full);
    }
  };

  const onEvent = (folder: string, event: string, name: string | Buffer | null) => {
    // No name: the system dropped events (an overflow); the folder stands for everything in it.
    if (!name) return options.onChange(folder);
    const full = path.join(folder, name.toString());
    if (event === "rename") {
      let isFolder = false;
      try {
        isFolder = fs.statSync(full).isDirectory();
      } catch {
        unwatch(full); // Removed or renamed away (a file, or a folder we watched).
      }
      if (isFolder) return watch(full, true);
    }
    options.onChange(full);
  };

  watch(root, false);
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
