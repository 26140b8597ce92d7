-- CreateEnum
CREATE TYPE "DomainPriceAction" AS ENUM ('register', 'transfer', 'renew');

-- CreateEnum
CREATE TYPE "DomainContactRole" AS ENUM ('registrant', 'admin', 'tech', 'billing');

-- CreateEnum
CREATE TYPE "RegistrarOperation" AS ENUM ('register', 'transfer', 'renew', 'set_nameservers', 'set_contacts', 'lock', 'unlock', 'sync');

-- CreateEnum
CREATE TYPE "SandboxDomainState" AS ENUM ('active', 'pending_transfer', 'expired', 'deleted');

-- AlterTable
ALTER TABLE "Domain" ADD COLUMN     "failureReason" TEXT,
ADD COLUMN     "lastSyncedAt" TIMESTAMP(3),
ADD COLUMN     "locked" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "nameservers" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "registrar" TEXT NOT NULL DEFAULT 'builtin',
ADD COLUMN     "tldId" UUID,
ADD COLUMN     "transferRequestedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Tld" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "registrar" TEXT NOT NULL DEFAULT 'builtin',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "maxYears" INTEGER NOT NULL DEFAULT 10,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tld_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TldPrice" (
    "tldId" UUID NOT NULL,
    "action" "DomainPriceAction" NOT NULL,
    "currency" TEXT NOT NULL,
    "years" INTEGER NOT NULL,
    "amountMinor" BIGINT NOT NULL,

    CONSTRAINT "TldPrice_pkey" PRIMARY KEY ("tldId","action","currency","years")
);

-- CreateTable
CREATE TABLE "DomainContact" (
    "id" UUID NOT NULL,
    "domainId" UUID NOT NULL,
    "role" "DomainContactRole" NOT NULL,
    "name" TEXT NOT NULL,
    "organization" TEXT,
    "email" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DomainContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DnsZone" (
    "id" UUID NOT NULL,
    "domainId" UUID,
    "name" TEXT NOT NULL,
    "backend" TEXT NOT NULL DEFAULT 'builtin',
    "serial" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DnsZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DnsRecord" (
    "id" UUID NOT NULL,
    "zoneId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "ttl" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "priority" INTEGER,

    CONSTRAINT "DnsRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrarJob" (
    "id" UUID NOT NULL,
    "domainId" UUID NOT NULL,
    "operation" "RegistrarOperation" NOT NULL,
    "status" "ProvisioningJobStatus" NOT NULL DEFAULT 'queued',
    "idempotencyKey" TEXT,
    "payload" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 6,
    "runAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "requestedByUserId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RegistrarJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxRegistryDomain" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "state" "SandboxDomainState" NOT NULL DEFAULT 'active',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "locked" BOOLEAN NOT NULL DEFAULT true,
    "nameservers" JSONB NOT NULL DEFAULT '[]',
    "authCode" TEXT NOT NULL,
    "transferTo" TEXT,
    "transferDueAt" TIMESTAMP(3),
    "transferOutcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxRegistryDomain_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tld_name_key" ON "Tld"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DomainContact_domainId_role_key" ON "DomainContact"("domainId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "DnsZone_domainId_key" ON "DnsZone"("domainId");

-- CreateIndex
CREATE UNIQUE INDEX "DnsZone_name_key" ON "DnsZone"("name");

-- CreateIndex
CREATE INDEX "DnsRecord_zoneId_name_type_idx" ON "DnsRecord"("zoneId", "name", "type");

-- CreateIndex
CREATE UNIQUE INDEX "RegistrarJob_idempotencyKey_key" ON "RegistrarJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "RegistrarJob_status_runAfter_idx" ON "RegistrarJob"("status", "runAfter");

-- CreateIndex
CREATE INDEX "RegistrarJob_domainId_createdAt_idx" ON "RegistrarJob"("domainId", "createdAt");

-- CreateIndex
CREATE INDEX "Domain_status_expiresAt_idx" ON "Domain"("status", "expiresAt");

-- AddForeignKey
ALTER TABLE "Domain" ADD CONSTRAINT "Domain_tldId_fkey" FOREIGN KEY ("tldId") REFERENCES "Tld"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TldPrice" ADD CONSTRAINT "TldPrice_tldId_fkey" FOREIGN KEY ("tldId") REFERENCES "Tld"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainContact" ADD CONSTRAINT "DomainContact_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DnsZone" ADD CONSTRAINT "DnsZone_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DnsRecord" ADD CONSTRAINT "DnsRecord_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "DnsZone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrarJob" ADD CONSTRAINT "RegistrarJob_domainId_fkey" FOREIGN KEY ("domainId") REFERENCES "Domain"("id") ON DELETE CASCADE ON UPDATE CASCADE;
