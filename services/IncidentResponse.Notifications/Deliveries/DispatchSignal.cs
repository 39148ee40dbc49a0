using IncidentResponse.ServiceDefaults;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>Wakes the notification dispatcher as soon as this process commits new work.</summary>
public sealed class DispatchSignal(TimeProvider time) : WakeSignal(time);
