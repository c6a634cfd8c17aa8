const semver = require("semver");
console.log(semver.valid("1.2.3"), semver.valid("a.b.c"), semver.clean("  =v1.2.3   "));
console.log(semver.satisfies("1.2.3", "1.x || >=2.5.0 || 5.0.0 - 7.2.3"), semver.gt("1.2.3", "9.8.7"));
console.log(semver.maxSatisfying(["1.2.3", "1.2.4", "1.3.0", "2.0.0"], "^1.2.0"));
console.log(semver.inc("1.2.3-beta.1", "prerelease"), semver.coerce("v2.3").version);
console.log(["1.10.0", "1.2.0", "1.2.0-rc.1"].sort(semver.compare).join(" "));
console.log(new semver.Range(">=1.2.7 <1.3.0").format(), semver.minVersion(">=1.0.0 || ^0.5").version);
// semver's classes/range.js and classes/comparator.js require each other (a CommonJS cycle).
const Comparator = require("semver/classes/comparator");
console.log(new Comparator(">=1.2.3").test("1.5.0"), new semver.Range("^1.0.0").set[0][0] instanceof Comparator);
