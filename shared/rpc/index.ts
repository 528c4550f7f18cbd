export { RpcForward, type RpcModel, rpcGroundToImage, rpcImageToGround, rpcTerms } from './model';
export { formatRpb, parseRpb, parseRpcText, parseRpcTxt, rpcFromItems, rpcFromTag } from './parse';
