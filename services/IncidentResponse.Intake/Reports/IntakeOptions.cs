namespace IncidentResponse.Intake.Reports;

/// <summary>The <c>Intake</c> configuration section.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>A report not triaged this long after it was announced is announced again.</summary>
    public TimeSpan ReannounceAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this many reports are stored in one transaction (a writer takes what is waiting, up to this).</summary>
    public int WriteBatchSize { get; set; } = 128;

    /// <summary>At most this many such transactions are in flight at once, per Host.</summary>
    public int Writers { get; set; } = 1;

    /// <summary>How often to look for such reports.</summary>
    public TimeSpan ReannounceCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A report's <c>detectedAt</c> may be at most this long before it is filed (older: a problem naming the field).</summary>
    public TimeSpan DetectedAtLookBack { get; set; } = DetectionBounds.Default.LookBack;

    /// <summary>A report's <c>detectedAt</c> may be at most this far ahead of the server's clock (clock skew).</summary>
    public TimeSpan DetectedAtLead { get; set; } = DetectionBounds.Default.Lead;

    public DetectionBounds Detection => new(DetectedAtLookBack, DetectedAtLead);
}
