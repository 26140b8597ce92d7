/*
  Warnings:

  - A unique constraint covering the columns `[orderItemId]` on the table `Service` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "DomainAction" AS ENUM ('register', 'transfer', 'own');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('pending', 'paid', 'active', 'cancelled');

-- CreateEnum
CREATE TYPE "ProvisioningState" AS ENUM ('none', 'queued', 'running', 'retrying', 'failed', 'done');

-- CreateEnum
CREATE TYPE "ProvisioningOperation" AS ENUM ('create', 'suspend', 'unsuspend', 'terminate', 'change_package', 'reset_password');

-- CreateEnum
CREATE TYPE "ProvisioningJobStatus" AS ENUM ('queued', 'running', 'retrying', 'failed', 'done', 'done_manually');

-- CreateEnum
CREATE TYPE "CancellationTiming" AS ENUM ('immediate', 'end_of_period');

-- CreateEnum
CREATE TYPE "CancellationStatus" AS ENUM ('requested', 'processed', 'rejected', 'withdrawn');

-- CreateEnum
CREATE TYPE "UpgradeStatus" AS ENUM ('awaiting_payment', 'applied', 'cancelled');

-- CreateEnum
CREATE TYPE "PanelBackupStatus" AS ENUM ('running', 'ready', 'restoring', 'failed');

-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('inbound', 'outbound');

-- AlterTable

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "bandwidthQuotaMb" INTEGER,
ADD COLUMN     "diskQuotaMb" INTEGER,
ADD COLUMN     "maxDatabases" INTEGER,
ADD COLUMN     "maxFtpAccounts" INTEGER,
ADD COLUMN     "maxMailboxes" INTEGER,
ADD COLUMN     "maxSubdomains" INTEGER,
ADD COLUMN     "packageName" TEXT,
ADD COLUMN     "requiresDomain" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "serverId" UUID;

-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "cancelAt" DATE,
ADD COLUMN     "domain" TEXT,
ADD COLUMN     "initialPasswordEnc" TEXT,
ADD COLUMN     "options" JSONB,
ADD COLUMN     "orderItemId" UUID,
ADD COLUMN     "provisioningError" TEXT,
ADD COLUMN     "provisioningState" "ProvisioningState" NOT NULL DEFAULT 'none',
ADD COLUMN     "username" TEXT;

-- CreateTable
CREATE TABLE "ProductOption" (
    "id" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProductOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductOptionChoice" (
    "id" UUID NOT NULL,
    "optionId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "extraDiskMb" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProductOptionChoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductOptionChoicePrice" (
    "choiceId" UUID NOT NULL,
    "currency" TEXT NOT NULL,
    "monthlyMinor" BIGINT NOT NULL,

    CONSTRAINT "ProductOptionChoicePrice_pkey" PRIMARY KEY ("choiceId","currency")
);

-- CreateTable
CREATE TABLE "CartItem" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "cycle" "BillingCycle" NOT NULL,
    "domain" TEXT,
    "domainAction" "DomainAction",
    "options" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CartItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" UUID NOT NULL,
    "number" SERIAL NOT NULL,
    "customerId" UUID NOT NULL,
    "placedByUserId" UUID,
    "status" "OrderStatus" NOT NULL DEFAULT 'pending',
    "currency" TEXT NOT NULL,
    "totalMinor" BIGINT NOT NULL,
    "invoiceId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" TIMESTAMP(3),

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderItem" (
    "id" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "cycle" "BillingCycle" NOT NULL,
    "domain" TEXT,
    "domainAction" "DomainAction",
    "options" JSONB NOT NULL DEFAULT '[]',
    "recurringMinor" BIGINT NOT NULL,
    "setupFeeMinor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "OrderItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningJob" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "operation" "ProvisioningOperation" NOT NULL,
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

    CONSTRAINT "ProvisioningJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CancellationRequest" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "requestedByUserId" UUID,
    "timing" "CancellationTiming" NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "CancellationStatus" NOT NULL DEFAULT 'requested',
    "effectiveOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "processedByUserId" UUID,
    "staffNote" TEXT,

    CONSTRAINT "CancellationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceUpgrade" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "fromProductId" UUID NOT NULL,
    "toProductId" UUID NOT NULL,
    "oldRecurringMinor" BIGINT NOT NULL,
    "newRecurringMinor" BIGINT NOT NULL,
    "netMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "invoiceId" UUID,
    "status" "UpgradeStatus" NOT NULL,
    "requestedByUserId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "ServiceUpgrade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelAccount" (
    "id" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "packageName" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "diskQuotaMb" INTEGER,
    "bandwidthQuotaMb" INTEGER,
    "maxFtpAccounts" INTEGER,
    "maxDatabases" INTEGER,
    "maxMailboxes" INTEGER,
    "maxSubdomains" INTEGER,
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PanelAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelBackup" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'manual',
    "status" "PanelBackupStatus" NOT NULL DEFAULT 'running',
    "sizeMb" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "restoredAt" TIMESTAMP(3),

    CONSTRAINT "PanelBackup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelFtpAccount" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "login" TEXT NOT NULL,
    "serverId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "directory" TEXT NOT NULL,
    "quotaMb" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelFtpAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelDatabase" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "serverId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "dbUser" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "sizeMb" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelDatabase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelMailbox" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "quotaMb" INTEGER,
    "usedMb" INTEGER NOT NULL DEFAULT 0,
    "autoReplyEnabled" BOOLEAN NOT NULL DEFAULT false,
    "autoReplySubject" TEXT,
    "autoReplyBody" TEXT,
    "autoReplyUntil" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelMailbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelMailAlias" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelMailAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelSubdomain" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "fqdn" TEXT NOT NULL,
    "documentRoot" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PanelSubdomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageSample" (
    "serviceId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "diskMb" INTEGER NOT NULL,
    "bandwidthMb" INTEGER NOT NULL,

    CONSTRAINT "UsageSample_pkey" PRIMARY KEY ("serviceId","day")
);

-- CreateTable
CREATE TABLE "CallRecord" (
    "id" BIGSERIAL NOT NULL,
    "serviceId" UUID NOT NULL,
    "externalId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "fromNumber" TEXT NOT NULL,
    "toNumber" TEXT NOT NULL,
    "direction" "CallDirection" NOT NULL,
    "durationSec" INTEGER NOT NULL,
    "costMinor" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,

    CONSTRAINT "CallRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceIpAddress" (
    "id" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceIpAddress_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrafficSample" (
    "serviceId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "inBytes" BIGINT NOT NULL,
    "outBytes" BIGINT NOT NULL,

    CONSTRAINT "TrafficSample_pkey" PRIMARY KEY ("serviceId","address","hour")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductOption_productId_code_key" ON "ProductOption"("productId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ProductOptionChoice_optionId_code_key" ON "ProductOptionChoice"("optionId", "code");

-- CreateIndex
CREATE INDEX "CartItem_customerId_userId_createdAt_idx" ON "CartItem"("customerId", "userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Order_invoiceId_key" ON "Order"("invoiceId");

-- CreateIndex
CREATE INDEX "Order_customerId_createdAt_idx" ON "Order"("customerId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningJob_idempotencyKey_key" ON "ProvisioningJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ProvisioningJob_status_runAfter_idx" ON "ProvisioningJob"("status", "runAfter");

-- CreateIndex
CREATE INDEX "ProvisioningJob_serviceId_createdAt_idx" ON "ProvisioningJob"("serviceId", "createdAt");

-- CreateIndex
CREATE INDEX "CancellationRequest_status_createdAt_idx" ON "CancellationRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "CancellationRequest_serviceId_idx" ON "CancellationRequest"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceUpgrade_invoiceId_key" ON "ServiceUpgrade"("invoiceId");

-- CreateIndex
CREATE INDEX "ServiceUpgrade_serviceId_createdAt_idx" ON "ServiceUpgrade"("serviceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PanelAccount_serviceId_key" ON "PanelAccount"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelAccount_serverId_username_key" ON "PanelAccount"("serverId", "username");

-- CreateIndex
CREATE INDEX "PanelBackup_accountId_createdAt_idx" ON "PanelBackup"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "PanelFtpAccount_accountId_idx" ON "PanelFtpAccount"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelFtpAccount_serverId_login_key" ON "PanelFtpAccount"("serverId", "login");

-- CreateIndex
CREATE INDEX "PanelDatabase_accountId_idx" ON "PanelDatabase"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelDatabase_serverId_name_key" ON "PanelDatabase"("serverId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "PanelMailbox_address_key" ON "PanelMailbox"("address");

-- CreateIndex
CREATE INDEX "PanelMailbox_accountId_idx" ON "PanelMailbox"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelMailAlias_source_key" ON "PanelMailAlias"("source");

-- CreateIndex
CREATE INDEX "PanelMailAlias_accountId_idx" ON "PanelMailAlias"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelSubdomain_fqdn_key" ON "PanelSubdomain"("fqdn");

-- CreateIndex
CREATE INDEX "PanelSubdomain_accountId_idx" ON "PanelSubdomain"("accountId");

-- CreateIndex
CREATE INDEX "CallRecord_serviceId_startedAt_id_idx" ON "CallRecord"("serviceId", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "CallRecord_serviceId_externalId_key" ON "CallRecord"("serviceId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceIpAddress_address_key" ON "ServiceIpAddress"("address");

-- CreateIndex
CREATE INDEX "ServiceIpAddress_serviceId_idx" ON "ServiceIpAddress"("serviceId");

-- CreateIndex
CREATE UNIQUE INDEX "Service_orderItemId_key" ON "Service"("orderItemId");

-- AddForeignKey
ALTER TABLE "Service" ADD CONSTRAINT "Service_orderItemId_fkey" FOREIGN KEY ("orderItemId") REFERENCES "OrderItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductOption" ADD CONSTRAINT "ProductOption_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductOptionChoice" ADD CONSTRAINT "ProductOptionChoice_optionId_fkey" FOREIGN KEY ("optionId") REFERENCES "ProductOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductOptionChoicePrice" ADD CONSTRAINT "ProductOptionChoicePrice_choiceId_fkey" FOREIGN KEY ("choiceId") REFERENCES "ProductOptionChoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CartItem" ADD CONSTRAINT "CartItem_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CartItem" ADD CONSTRAINT "CartItem_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CartItem" ADD CONSTRAINT "CartItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningJob" ADD CONSTRAINT "ProvisioningJob_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CancellationRequest" ADD CONSTRAINT "CancellationRequest_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceUpgrade" ADD CONSTRAINT "ServiceUpgrade_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceUpgrade" ADD CONSTRAINT "ServiceUpgrade_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelAccount" ADD CONSTRAINT "PanelAccount_serverId_fkey" FOREIGN KEY ("serverId") REFERENCES "Server"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelAccount" ADD CONSTRAINT "PanelAccount_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelBackup" ADD CONSTRAINT "PanelBackup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PanelAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelFtpAccount" ADD CONSTRAINT "PanelFtpAccount_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PanelAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelDatabase" ADD CONSTRAINT "PanelDatabase_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PanelAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMailbox" ADD CONSTRAINT "PanelMailbox_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PanelAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMailAlias" ADD CONSTRAINT "PanelMailAlias_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PanelAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelSubdomain" ADD CONSTRAINT "PanelSubdomain_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PanelAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageSample" ADD CONSTRAINT "UsageSample_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallRecord" ADD CONSTRAINT "CallRecord_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceIpAddress" ADD CONSTRAINT "ServiceIpAddress_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrafficSample" ADD CONSTRAINT "TrafficSample_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service"("id") ON DELETE CASCADE ON UPDATE CASCADE;
