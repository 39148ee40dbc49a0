using IncidentResponse.Host;

// Before any socket exists: the runtime reads this once (see SocketCompletions).
SocketCompletions.PreferInline();
return await IncidentResponseHost.RunAsync(args);
