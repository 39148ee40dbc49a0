using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentResponse.Intake.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InformationSystemRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "information_systems",
                schema: "intake",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    owner_agency = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    @operator = table.Column<string>(name: "operator", type: "character varying(500)", maxLength: 500, nullable: true),
                    security_level = table.Column<int>(type: "integer", nullable: true),
                    level_approval = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    isp = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    security_provider = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    domains = table.Column<string>(type: "text", nullable: false),
                    ips = table.Column<string>(type: "text", nullable: false),
                    services = table.Column<string>(type: "text", nullable: false),
                    operating_system = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    purpose = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_information_systems", x => x.code);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "information_systems",
                schema: "intake");
        }
    }
}
