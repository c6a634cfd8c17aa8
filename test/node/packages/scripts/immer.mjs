import { produce, enableMapSet, freeze, isDraft } from "immer";
enableMapSet();
const base = { todos: [{ t: "a", done: false }], m: new Map([["k", 1]]) };
const next = produce(base, (d) => { d.todos[0].done = true; d.todos.push({ t: "b", done: false }); d.m.set("k", 2); console.log(isDraft(d)); });
console.log(JSON.stringify(next.todos), next.m.get("k"), base.todos[0].done, Object.isFrozen(next), next.todos !== base.todos);
