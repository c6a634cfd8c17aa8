import { XMLParser, XMLBuilder, XMLValidator } from "fast-xml-parser";
const xml = `<?xml version="1.0"?><root a="1"><item id="x">one</item><item id="y">two</item><n>42</n></root>`;
const obj = new XMLParser({ ignoreAttributes: false }).parse(xml);
console.log(JSON.stringify(obj));
console.log(new XMLBuilder({ ignoreAttributes: false, format: true }).build({ a: { "@_k": "v", b: [1, 2] } }));
console.log(XMLValidator.validate("<a><b></a>") !== true);
