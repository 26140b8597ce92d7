-- AlterEnum
ALTER TYPE "DomainStatus" ADD VALUE 'cancelled';
