import { diffChars, diffLines, createTwoFilesPatch, applyPatch } from "diff";
console.log(JSON.stringify(diffChars("beep boop", "beep boob blah").map((p) => [p.added ? "+" : p.removed ? "-" : "=", p.value])));
const patch = createTwoFilesPatch("a.txt", "b.txt", "one\ntwo\nthree\n", "one\n2\nthree\n", "old", "new");
console.log(patch);
console.log(JSON.stringify(applyPatch("one\ntwo\nthree\n", patch)), diffLines("a\nb\n", "a\nc\n").length);
