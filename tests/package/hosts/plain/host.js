// The page's own script: one element for the lead in the query, talking to the proxy in it.
const query = new URLSearchParams(location.search);
const el = document.createElement("task-history");
el.id = "th";
el.leadId = query.get("lead") ?? 20003;
el.pageSize = 5;
el.proxyBase = query.get("proxy");
if (query.has("token")) el.token = query.get("token");
if (query.has("locale")) el.locale = query.get("locale");
document.getElementById("host").append(el);
