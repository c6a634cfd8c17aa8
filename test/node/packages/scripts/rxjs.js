const { from, of, interval, firstValueFrom, lastValueFrom } = require("rxjs");
const { map, filter, take, scan, mergeMap, toArray } = require("rxjs/operators");
from([1, 2, 3, 4, 5]).pipe(filter((x) => x % 2), map((x) => x * 10), scan((a, b) => a + b, 0)).subscribe((v) => console.log("v", v));
lastValueFrom(interval(1).pipe(take(3), toArray())).then((v) => console.log("interval", JSON.stringify(v)));
firstValueFrom(of(1, 2).pipe(mergeMap((x) => of(x, x * 2)), toArray())).then((v) => console.log("merge", JSON.stringify(v)));
