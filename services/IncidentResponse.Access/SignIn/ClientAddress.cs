using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace IncidentResponse.Access.SignIn;

/// <summary>
/// The client address sign-in limits count by: the connection's remote address (a trusted proxy's
/// forwarded address once forwarded headers are configured), IPv4-mapped addresses as IPv4, and an
/// IPv6 address by its /64 network (one subscriber usually holds a whole /64).
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
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
