import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { AnyRole, Roles } from '../../auth/decorators/roles.decorator';
import { CosignatureReceiptDto, PostCosignatureDto, RegisterWitnessDto, WitnessDto } from './dto/witness.dto';
import { WitnessesService } from './witnesses.service';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../../platform/errors/api-problems';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
@ApiProblems(ACCESS_PROBLEMS)
export class WitnessesController {
  constructor(private readonly witnesses: WitnessesService) {}

  @Post('witnesses')
  @Roles('admin')
  @ApiOperation({ summary: "Register a member agency's witness key (logged as witness_registered)" })
  @ApiCreatedResponse({ type: WitnessDto })
  @ApiProblems(BODY_PROBLEMS, 409)
  async register(@Caller() caller: CallerContext, @Body() body: RegisterWitnessDto): Promise<WitnessDto> {
    return WitnessDto.from(await this.witnesses.register(caller, body));
  }

  @Get('witnesses')
  @AnyRole()
  @ApiOperation({ summary: 'Registered witnesses and their verifier keys' })
  @ApiOkResponse({ type: [WitnessDto] })
  async list(): Promise<WitnessDto[]> {
    return (await this.witnesses.list()).map((row) => WitnessDto.from(row));
  }

  @Post('cosignatures')
  @Roles('service')
  @ApiOperation({ summary: "Store a witness's cosignature of a checkpoint (a service account of the witness's agency)" })
  @ApiCreatedResponse({ type: CosignatureReceiptDto })
  @ApiProblems(BODY_PROBLEMS, 404, 409)
  async cosign(@Caller() caller: CallerContext, @Body() body: PostCosignatureDto): Promise<CosignatureReceiptDto> {
    return CosignatureReceiptDto.from(await this.witnesses.cosign(caller, body.treeSize, body.cosignature));
  }
}
