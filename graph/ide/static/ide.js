// GraphiQL on this server's /graphql, with the key or session token of the bar above it sent
// as `Authorization: Bearer ...` (and the organization as X-Organization-Id). They are kept in
// sessionStorage: they survive a reload, not the tab. The Headers tab still wins.
"use strict";

(function () {
  const fields = {
    token: document.getElementById("token"),
    organization: document.getElementById("organization"),
  };
  const STORE = "invoicegraph.ide.";
  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  const DEFAULT_QUERY = `# The organization the key or session acts for. Ctrl-Enter runs the query;
# the docs pane (top left) lists every type and field.
{
  viewer {
    organization { id name currency }
  }
}
`;

  function credentialHeaders() {
    const headers = {};
    const token = fields.token.value.trim();
    const organization = fields.organization.value.trim();
    if (token) headers["Authorization"] = "Bearer " + token;
    if (organization) headers["X-Organization-Id"] = organization;
    return headers;
  }

  function render() {
    const fetch = GraphiQL.createFetcher({ url: window.location.pathname });
    // A new fetcher for new credentials: GraphiQL then reloads the schema with them.
    const fetcher = (params, options) =>
      fetch(params, {
        ...options,
        headers: { ...credentialHeaders(), ...((options && options.headers) || {}) },
      });
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: DEFAULT_QUERY,
        isHeadersEditorEnabled: true,
        defaultEditorToolsVisibility: true,
      }),
    );
  }

  for (const [name, input] of Object.entries(fields)) {
    input.value = sessionStorage.getItem(STORE + name) || "";
    input.addEventListener("change", () => {
      sessionStorage.setItem(STORE + name, input.value.trim());
      render();
    });
  }
  document.getElementById("credentials").addEventListener("submit", (event) => {
    event.preventDefault();
  });
  render();
})();
