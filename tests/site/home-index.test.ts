/**
 * The home's question index: every question placed once (its shallowest place), other parents as "also under",
 * cycles kept, roots grouped by topic, the page's first-level budget, the client file and the filter's key.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { GraphQuestion } from "../../src/graph/types.ts";
import { filterKey, inOrder } from "../../src/site/filter-key.ts";
import { buildHomeIndex, clientIndex, firstLevelShown, type HomeIndex, topicOf } from "../../src/site/home-index.ts";

/** Questions from `edges` ("parent>child"), in first-mention order; tags by title. */
function questions(edges: string[], tags: Record<string, string[]> = {}): GraphQuestion[] {
  const byId = new Map<string, GraphQuestion>();
  const get = (id: string) => {
    let q = byId.get(id);
    if (!q) {
      q = {
        id,
        title: id,
        url: `/q/${id}/`,
        hasPage: false,
        published: true,
        parents: [],
        children: [],
        cards: [`卡片/${id}.md`],
        tags: tags[id] ?? [],
        timestamps: [],
        comments: [],
        occurrences: [],
        backlinks: [],
      };
      byId.set(id, q);
    }
    return q;
  };
  for (const edge of edges) {
    const [parent, child] = edge.split(">") as [string, string];
    const p = get(parent);
    if (!child) continue;
    const c = get(child);
    p.children.push(child);
    c.parents.push(parent);
  }
  return [...byId.values()];
}

const build = (list: GraphQuestion[]) =>
  buildHomeIndex(
    list,
    (q) => q.cards.length,
    (q) => q.title,
  );
const titleAt = (index: HomeIndex, i: number) => index.nodes[i]?.title;
const childrenOf = (index: HomeIndex, title: string) =>
  index.nodes.find((n) => n.title === title)?.children.map((i) => titleAt(index, i));

test("each question is placed once, under the parent that reaches it first breadth first; the others are 'also under'", () => {
  // D is asked under B (depth 2) and directly under A (depth 1): it is placed under A, also under B.
  const index = build(questions(["A>B", "A>C", "B>D", "A>D", "C>E", "B>E"]));
  assert.deepEqual(
    index.roots.map((i) => titleAt(index, i)),
    ["A"],
  );
  assert.deepEqual(childrenOf(index, "A"), ["B", "C", "D"]);
  assert.deepEqual(childrenOf(index, "B"), ["E"], "E is reached from B first (B comes before C in A's outline)");
  assert.deepEqual(childrenOf(index, "C"), []);
  const d = index.nodes.find((n) => n.title === "D");
  assert.equal(titleAt(index, d?.parent ?? -1), "A");
  assert.deepEqual(
    d?.alsoUnder.map((i) => titleAt(index, i)),
    ["B"],
  );
  const e = index.nodes.find((n) => n.title === "E");
  assert.deepEqual(
    e?.alsoUnder.map((i) => titleAt(index, i)),
    ["C"],
  );
  // Placed once: every node is somebody's child exactly once, or a root.
  const placements = new Map<number, number>();
  for (const node of index.nodes)
    for (const child of node.children) placements.set(child, (placements.get(child) ?? 0) + 1);
  for (let i = 0; i < index.nodes.length; i++)
    assert.equal((placements.get(i) ?? 0) + Number(index.roots.includes(i)), 1, `${titleAt(index, i)} placed once`);
});

test("the walk is breadth first over all roots at once: a question deep under one root and right under another sits under the second", () => {
  const index = build(questions(["A>B", "B>X", "C>X"]));
  assert.deepEqual(index.roots.map((i) => titleAt(index, i)), ["A", "C"]);
  assert.deepEqual(childrenOf(index, "C"), ["X"]);
  assert.deepEqual(childrenOf(index, "B"), []);
  assert.deepEqual(index.nodes.find((n) => n.title === "X")?.alsoUnder.map((i) => titleAt(index, i)), ["B"]);
});

test("a cycle no root reaches becomes a root of its own; links to unpublished questions are ignored", () => {
  const list = questions(["R>S", "X>Y", "Y>X", "R>隐藏"]);
  const hidden = list.findIndex((q) => q.id === "隐藏");
  list.splice(hidden, 1);
  const index = build(list);
  assert.deepEqual(
    index.roots.map((i) => titleAt(index, i)),
    ["R", "X"],
  );
  assert.deepEqual(childrenOf(index, "R"), ["S"], "the link to the unpublished question is dropped");
  assert.deepEqual(childrenOf(index, "X"), ["Y"]);
  const x = index.nodes.find((n) => n.title === "X");
  assert.deepEqual(
    x?.alsoUnder.map((i) => titleAt(index, i)),
    ["Y"],
    "the root of a cycle is also under its cycle parent",
  );
  assert.equal(index.nodes.find((n) => n.title === "Y")?.root, x ? index.nodes.indexOf(x) : -2);
});

test("topics: the top-level tag a root's title names, else the one most of its tags sit under; untagged last", () => {
  assert.equal(topicOf("？dubbo的工作原理", ["Redis/集群", "Redis/主从", "Dubbo/降级"]), "Dubbo");
  assert.equal(topicOf("？保证高可用", ["Redis/集群", "Kafka/分区", "Redis/主从", "集群"]), "Redis");
  assert.equal(topicOf("？无标签", []), null);
  const index = build(
    questions(["Redis 为什么快>a", "Redis 集群>b", "Kafka 分区>c", "无标签"], {
      "Redis 为什么快": ["Redis"],
      "Redis 集群": ["Redis/集群"],
      "Kafka 分区": ["Kafka/分区"],
    }),
  );
  assert.deepEqual(
    index.topics.map((topic) => [topic.tag, topic.roots.map((i) => titleAt(index, i))]),
    [
      ["Redis", ["Redis 为什么快", "Redis 集群"]],
      ["Kafka", ["Kafka 分区"]],
      [null, ["无标签"]],
    ],
  );
});

test("the page's first-level budget: everything when it fits, else the largest per-root cap that fits", () => {
  const edges = [
    ...Array.from({ length: 30 }, (_, i) => `A>a${i}`),
    ...Array.from({ length: 5 }, (_, i) => `B>b${i}`),
    "C>c0",
  ];
  const index = build(questions(edges));
  assert.equal(firstLevelShown(index, 100), 30, "36 rows fit: no root is cut");
  const cap = firstLevelShown(index, 20);
  const shown = index.roots.reduce((sum, root) => sum + Math.min(index.nodes[root]?.children.length ?? 0, cap), 0);
  assert.ok(shown <= 20, `${shown} rows`);
  assert.ok(
    index.roots.reduce((sum, root) => sum + Math.min(index.nodes[root]?.children.length ?? 0, cap + 1), 0) > 20,
    "the cap is the largest that fits",
  );
  assert.equal(cap, 14, "B and C whole (6 rows), A cut to 14");
  assert.equal(firstLevelShown(build(questions(["solo"])), 0), 0);
});

test("the client index: parallel arrays by index, children in outline order, other parents only where there are some", () => {
  const index = build(questions(["A>B", "A>C", "B>C"]));
  const client = clientIndex(index);
  assert.deepEqual(client.titles, ["A", "B", "C"]);
  assert.deepEqual(client.urls, ["/q/A/", "/q/B/", "/q/C/"]);
  assert.deepEqual(client.parents, [-1, 0, 0]);
  assert.deepEqual(client.cards, [1, 1, 1]);
  assert.deepEqual(client.children, [[1, 2], [], []]);
  assert.deepEqual(client.alsoUnder, [[2, 1]]);
  assert.deepEqual(JSON.parse(JSON.stringify(client)), client, "plain JSON");
});

test("the filter key folds case, full-width forms, white space and the ？ marker; in-order matching for CJK", () => {
  assert.equal(filterKey("？ Redis 集群 模式"), "redis集群模式");
  assert.equal(filterKey("ＲＥＤＩＳ　集群"), "redis集群");
  assert.ok(filterKey("？RabbitMq普通集群模式 原理").includes(filterKey("普通 集群")));
  assert.ok(inOrder(filterKey("？RabbitMq普通集群模式 原理"), filterKey("普集原")));
  assert.ok(!inOrder(filterKey("？RabbitMq普通集群模式"), filterKey("原理")));
});
