import { z } from "zod";
const User = z.object({ name: z.string().min(2), age: z.number().int().positive(), email: z.string().email().optional(), tags: z.array(z.enum(["a", "b"])).default([]) });
console.log(JSON.stringify(User.parse({ name: "Ann", age: 30 })));
const bad = User.safeParse({ name: "A", age: -1, email: "nope", tags: ["c"] });
console.log(bad.success, JSON.stringify(bad.error.issues.map((i) => [i.path.join("."), i.code])));
console.log(z.coerce.number().parse("42"), z.string().transform((s) => s.length).parse("hello"));
console.log(JSON.stringify(z.toJSONSchema ? z.toJSONSchema(z.object({ a: z.string() })) : null));
