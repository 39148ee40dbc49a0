using IncidentResponse.Host;

return await IncidentResponseHost.RunAsync(args);
