// axios without a network: a custom adapter, interceptors, config merging, errors by status.
const axios = require("axios");
console.log(typeof axios.get, axios.getUri({ url: "/x", baseURL: "https://example.com/api", params: { a: 1 } }));
const seen = [];
const client = axios.create({
  baseURL: "https://api.example.com/v1",
  headers: { "X-Client": "sandbox" },
  adapter: async (config) => {
    seen.push(`${config.method.toUpperCase()} ${axios.getUri(config)} ${config.headers["X-Client"]} ${config.data ?? ""}`);
    const status = config.url.includes("missing") ? 404 : 200;
    return { data: JSON.stringify({ ok: status === 200, path: config.url }), status, statusText: status === 200 ? "OK" : "Not Found", headers: { "content-type": "application/json" }, config, request: {} };
  },
});
client.interceptors.request.use((config) => {
  config.headers["X-Trace"] = "t1";
  return config;
});
client.interceptors.response.use((response) => ({ ...response, data: { ...response.data, intercepted: true } }));
(async () => {
  const got = await client.get("/users", { params: { page: 2 } });
  console.log(got.status, got.data);
  const posted = await client.post("/users", { name: "Ada" });
  console.log(posted.data);
  try {
    await client.get("/missing");
  } catch (error) {
    console.log(error.name, error.message, error.response.status, axios.isAxiosError(error));
  }
  console.log(seen);
})();
