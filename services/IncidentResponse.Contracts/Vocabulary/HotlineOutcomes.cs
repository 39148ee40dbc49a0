namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>What was done with a call to the hotline: the call log's <c>outcome</c>.</summary>
public static class HotlineOutcomes
{
    /// <summary>An incident report was filed (the call names it).</summary>
    public const string Reported = "reported";

    /// <summary>The caller was advised or guided; nothing to report.</summary>
    public const string Advised = "advised";

    /// <summary>The caller was referred to another body (the Police, a bank, the provider …).</summary>
    public const string Referred = "referred";

    /// <summary>Not about an incident (a wrong number, an enquiry).</summary>
    public const string NotAnIncident = "not-an-incident";

    /// <summary>Someone must call back.</summary>
    public const string CallBack = "call-back";

    /// <summary>Every outcome, in the order forms offer them.</summary>
    public static IReadOnlyList<string> All { get; } = [Reported, Advised, Referred, CallBack, NotAnIncident];

    /// <summary>The outcome in words, Vietnamese or English; an unknown one as it is.</summary>
    public static string Name(string outcome, bool english) => outcome switch
    {
        Reported => english ? "incident report filed" : "đã lập báo cáo sự cố",
        Advised => english ? "advised, nothing to report" : "đã hướng dẫn, tư vấn",
        Referred => english ? "referred to another body" : "đã chuyển cơ quan, đơn vị khác",
        CallBack => english ? "to be called back" : "cần gọi lại",
        NotAnIncident => english ? "not about an incident" : "không phải sự cố",
        _ => outcome,
    };
}
