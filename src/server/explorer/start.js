// Starts GraphiQL against this server's /graphql. The token goes in the Headers tab; it is not stored.
// Queries and mutations go over HTTP; subscriptions over WebSocket (graphql-ws, bundled with
// GraphiQL), whose connection_init carries the Headers tab as its payload.
(function () {
  var defaultQuery =
    "# Paste your token in the Headers tab below, then press the refresh button\n" +
    "# on the left (re-fetch the schema) to browse the docs.\n" +
    "{\n  payments(first: 5) {\n    totalCount\n    edges { node { number lifeCycleState amount currency { code } vendorCode availableOperations } }\n  }\n}\n";
  var fetcher = GraphiQL.createFetcher({
    url: window.location.origin + "/graphql",
    subscriptionUrl: window.location.origin.replace(/^http/, "ws") + "/graphql",
  });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultHeaders: JSON.stringify({ authorization: "Bearer <token>" }, null, 2),
      defaultEditorToolsVisibility: "headers",
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
