using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>
/// The client address a limit counts against: the connection's remote address (behind a proxy, the one
/// forwarded headers put there). An IPv6 client counts by its /64 network, since one host can use any
/// address of it.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(address))
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }
}
