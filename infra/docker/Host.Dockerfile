# The Host as a container image, for the distributed deployment (infra/compose).
#   docker build -f infra/docker/Host.Dockerfile -t incidentresponse/host .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish services/IncidentResponse.Host -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Listen on all interfaces inside the container; the compose file decides what is published.
ENV Urls=http://0.0.0.0:8080 \
    Database__DataDirectory=/var/lib/incidentresponse
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "IncidentResponse.Host.dll"]
