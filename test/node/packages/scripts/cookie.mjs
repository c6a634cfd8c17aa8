import * as cookie from "cookie";
console.log(Object.keys(cookie).sort().join(","));
const parse = cookie.parse ?? cookie.parseCookie;
console.log(JSON.stringify(parse("foo=bar; equation=E%3Dmc%5E2; n=")));
const serialize = cookie.serialize ?? cookie.stringifySetCookie;
console.log(serialize("name", "va lue", { httpOnly: true, maxAge: 3600, path: "/", sameSite: "lax", expires: new Date(Date.UTC(2030, 0, 1)) }));
