using Graph.Api.Accounts;
using Graph.Api.Backups;
using Graph.Api.Commands;
using Graph.Api.Data;
using Graph.Api.Hosting;
using Graph.Api.Orders;
using Graph.Api.Outbox;
using Graph.Api.RateLimiting;
using Graph.Api.Schema;
using Graph.Api.Subscriptions.Redis;
using Graph.Api.Telemetry;
using Graph.AspNetCore;
using Graph.AspNetCore.WarmUp;

// Content root beside the executable and safe log levels in code: appsettings.json refines them.
var builder = WebApplication.CreateBuilder(ShopHostDefaults.Options(args));
ShopHostDefaults.AddDefaults(builder.Configuration);

// Data: ShopDbContext on SQLite (default) or PostgreSQL.
builder.Services.AddShopData(builder.Configuration, builder.Environment);

// Accounts: JWT bearer tokens, ownership policies, password hashing.
builder.Services.AddShopAuthentication(builder.Environment);

// GraphQL: the shop's schema on the serving layer.
builder.Services.AddShopGraphQL();

// Warm-up: outside Development a fresh instance runs the storefront's queries as soon as it listens,
// until the JIT has optimised them, and is not ready before (GraphQL:WarmUp).
builder.Services.AddGraphQLWarmUp<StorefrontWarmUpRequests>();

// JIT profile: says at start whether the profile a Release publish records is in use; the publish
// itself records it by running the server with JitProfile:Record (the warm-up, then the signed-in page).
builder.Services.AddJitProfile();

// Rate limit per client address on the GraphQL endpoint (RateLimiting:GraphQL; off in Development by default).
builder.Services.AddGraphQLRateLimiting(builder.Environment);

// Live events: committed outbox rows published to subscribers (WebSocket, SSE); over Redis to
// every instance when Subscriptions:Redis is set.
builder.Services.AddOutboxDispatcher();
builder.Services.AddRedisBackplane(builder.Configuration);

// Memory: what a spike left behind goes back to the machine once the server is idle.
builder.Services.AddIdleMemoryTrimming();

// Backups: online copies of the SQLite database every Backup:Interval (off by default).
builder.Services.AddScheduledBackups();

// Health: liveness, and readiness that needs the database reachable and migrated.
builder.Services.AddShopHealthChecks();

// Telemetry: structured logs with trace id and operation name; OTLP traces and metrics when configured.
builder.AddShopTelemetry();

// Errors outside GraphQL: problem details, never a stack trace outside Development.
builder.Services.AddProblemDetails();

// Behind a reverse proxy: the client's own address from the proxies listed in ForwardedHeaders:*.
builder.Services.AddTrustedProxies(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

var app = builder.Build();

// Command line: `schema export` and friends run and exit instead of serving.
if (await ShopCommandLine.TryRunAsync(app, args))
{
    return;
}

// Database: migrate, then seed the demo data where configured.
await app.InitializeDatabaseAsync();

// Checkouts a crash interrupted: their stock goes back and any charge is refunded, before serving.
await app.RecoverCheckoutsAsync();

app.UseTrustedProxies();
app.UseExceptionHandler();
app.UseBearerAuthentication();
app.MapShopHealthChecks();
app.UseWebSockets();
var rateLimited = app.UseGraphQLRateLimiting();
var graphql = app.MapGraphQL<ShopSchema>();
if (rateLimited)
{
    graphql.RequireRateLimiting(GraphQLRateLimiting.PolicyName);
}

await app.RunAsync();

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
